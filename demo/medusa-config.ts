// Medusa loads the `src/` folder next to its medusa-config as the store's own code. In this repository `src/` is
// the plugin, which the store must load once, as a package (see ../medusa-config.ts). So the demo store's
// directory is this folder, and its configuration is the root one.
export { default } from "../medusa-config"
