// Many rules at once: the conditions of a trigger's rules flattened into one array of small instructions over the
// distinct leaves they share. A store with thousands of rules evaluates each distinct leaf once per event and then
// scans one contiguous array, instead of walking thousands of closure trees scattered over the heap (at 10,000
// rules the tree walk spent most of its time waiting on memory).
import type { CompiledRule, ConditionShape, FactValues, SharedLeaf } from "./compile"

// Instruction = (operand << 2) | opcode. LEAF pushes the value of leaf `operand`; ALL and ANY pop `operand` values
// and push their conjunction or disjunction; NOT negates the top of the stack.
const LEAF = 0
const ALL = 1
const ANY = 2
const NOT = 3

export class TriggerProgram {
  readonly leaves: SharedLeaf[] = []
  /** Instructions of every rule, one after the other (postfix). */
  private readonly code: Int32Array
  /** Rule i's instructions are code[starts[i]] .. code[starts[i + 1]] (none: no conditions, always true). */
  private readonly starts: Int32Array
  private readonly leafValues: Uint8Array
  private readonly stack: Uint8Array

  constructor(readonly rules: CompiledRule[]) {
    const leafIndex = new Map<SharedLeaf, number>()
    const code: number[] = []
    const starts = new Int32Array(rules.length + 1)
    let maxStack = 1
    const emit = (shape: ConditionShape): number => {
      // returns the stack depth this sub-tree needs
      if (shape.op === "leaf") {
        let i = leafIndex.get(shape.leaf)
        if (i === undefined) {
          i = this.leaves.length
          this.leaves.push(shape.leaf)
          leafIndex.set(shape.leaf, i)
        }
        code.push((i << 2) | LEAF)
        return 1
      }
      if (shape.op === "not") {
        const depth = emit(shape.child)
        code.push(NOT)
        return depth
      }
      let depth = 0
      shape.children.forEach((child, k) => (depth = Math.max(depth, k + emit(child))))
      code.push((shape.children.length << 2) | (shape.op === "all" ? ALL : ANY))
      return Math.max(depth, 1)
    }
    rules.forEach((rule, r) => {
      starts[r] = code.length
      if (rule.shape) maxStack = Math.max(maxStack, emit(rule.shape))
    })
    starts[rules.length] = code.length
    this.code = Int32Array.from(code)
    this.starts = starts
    this.leafValues = new Uint8Array(this.leaves.length)
    this.stack = new Uint8Array(maxStack)
  }

  /**
   * Which rules' conditions hold for these facts: a bitmap by rule position. Null when a leaf threw, so the caller
   * can fall back to rule-by-rule evaluation and report the error on the rules that use it.
   */
  matching(facts: FactValues): Uint8Array | null {
    const { leaves, leafValues, code, starts, stack } = this
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i]
      try {
        leafValues[i] = leaf.check(facts.get(leaf.key), leaf.expected) ? 1 : 0
      } catch {
        return null
      }
    }
    const n = this.rules.length
    const out = new Uint8Array(n)
    for (let r = 0; r < n; r++) {
      const end = starts[r + 1]
      let pc = starts[r]
      if (pc === end) {
        out[r] = 1
        continue
      }
      let sp = 0
      for (; pc < end; pc++) {
        const ins = code[pc]
        const operand = ins >> 2
        switch (ins & 3) {
          case LEAF:
            stack[sp++] = leafValues[operand]
            break
          case NOT:
            stack[sp - 1] ^= 1
            break
          case ALL: {
            let v = 1
            for (let k = 0; k < operand; k++) v &= stack[--sp]
            stack[sp++] = v
            break
          }
          default: {
            let v = 0
            for (let k = 0; k < operand; k++) v |= stack[--sp]
            stack[sp++] = v
          }
        }
      }
      out[r] = stack[0]
    }
    return out
  }
}

const programs = new WeakMap<CompiledRule[], TriggerProgram>()

/** The program of a list of rules, built once per list (lists from a RuleIndex are stable between changes). */
export function programFor(rules: CompiledRule[]): TriggerProgram {
  let program = programs.get(rules)
  if (!program || program.rules.length !== rules.length) {
    program = new TriggerProgram(rules)
    programs.set(rules, program)
  }
  return program
}
