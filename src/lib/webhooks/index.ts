export * from "./events"
export * from "./schedule"
export * from "./signature"
export * from "./url"
