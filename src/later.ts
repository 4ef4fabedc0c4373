/**
 * The extension proper's second bundle, `dist/later.js`: what is built after the first paint
 * (capture, sync, the panels, the nudge, and what runs the commands), loaded by src/laterBundle.ts
 * once the first paint is up. Each of its modules is evaluated only when its loader is called
 * (esbuild turns each `import()` into a module run on demand), in the step of src/extension.ts
 * that builds it. What the first paint already runs (the store, the views, the shared rules and
 * errors) is not in this bundle: it is taken from `dist/extension.js`, one instance for both
 * (esbuild.mjs), so that an error class thrown here is the one caught there.
 */
export const gitWatcher = () => import('./vscode/gitWatcher');
export const gitReader = () => import('./git/gitReader');
export const gitRunner = () => import('./git/gitRunner');
export const workReader = () => import('./git/workReader');
export const suggester = () => import('./vscode/suggester');
export const commitScanner = () => import('./capture/commitScanner');
export const historyImport = () => import('./capture/historyImport');
export const historyCatchUp = () => import('./capture/historyCatchUp');
export const capture = () => import('./vscode/capture');
export const prompter = () => import('./vscode/prompter');
export const importCommands = () => import('./vscode/importCommands');
export const importOffer = () => import('./vscode/importOffer');
export const importCatchUp = () => import('./vscode/importCatchUp');
export const syncGit = () => import('./git/syncGit');
export const syncEngine = () => import('./sync/syncEngine');
export const syncService = () => import('./sync/syncService');
export const syncCommands = () => import('./vscode/syncCommands');
export const syncStatusBar = () => import('./vscode/syncStatusBar');
export const commandLine = () => import('./vscode/commandLine');
export const insights = () => import('./insights/insights');
export const sentences = () => import('./insights/sentences');
export const insightsPanel = () => import('./vscode/insightsPanel');
export const reviewWorkflow = () => import('./review/reviewWorkflow');
export const reviewPanel = () => import('./vscode/reviewPanel');
export const nudger = () => import('./review/nudger');
export const nudgeTiming = () => import('./review/nudgeTiming');
export const nudge = () => import('./vscode/nudge');
export const logCommands = () => import('./vscode/logCommands');
export const exportCommands = () => import('./vscode/exportCommands');
export const growthCommands = () => import('./vscode/growthCommands');
export const goalCommands = () => import('./vscode/goalCommands');
