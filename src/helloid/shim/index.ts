// The PowerShell shim HelloID runs for every script: one template, rendered per action.
export {
  DEFAULT_CONNECTOR_PATH,
  DEFAULT_NODE_PATH,
  isPlainAscii,
  renderShim,
  type ShimOptions,
  scriptTitle,
  shimFields,
} from "./render.js";
export { SHIM_TEMPLATE } from "./template.js";
