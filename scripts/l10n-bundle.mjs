// Writes l10n/bundle.l10n.json: every sentence the code passes to `vscode.l10n.t`, or to the core's
// `l10n.t` and `l10n.plural` (src/core/l10n.ts, also what the pages under src/webview say through),
// keyed by its English, which is what translators copy to l10n/bundle.l10n.<lang>.json. Read from the TypeScript syntax tree, so that escapes and quotes
// come out as the running code sees them.
//   node scripts/l10n-bundle.mjs          writes the bundle
//   node scripts/l10n-bundle.mjs --check  fails (exit 1) when the bundle is not up to date
//   node scripts/l10n-bundle.mjs --json   prints { strings, problems } (test/unit/l10n.test.ts)
// A problem is a call whose English is not a literal (a variable, a joined string: the bundle
// could not hold it), a core sentence made when a module loads (before activation hands in VS
// Code's translator, so it would stay English), the core's l10n imported other than as `l10n`, or,
// in src/vscode, English words handed straight to VS Code's UI (a message, a title, a tooltip…).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(root, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir, extension) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, extension);
    return entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The English of a literal argument, or undefined when it is not one. */
function literal(node) {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** Where src/vscode hands text to VS Code's UI: these calls' first argument, and these properties. */
const UI_CALLS = /^vscode\.window\.(showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage)$|^vscode\.TreeItem$/;
const UI_PROPERTIES = new Set(['title', 'placeholder', 'placeHolder', 'prompt', 'tooltip', 'label', 'description', 'detail', 'message', 'validationMessage']);

/** The words of a literal or a template's fixed parts, codicons ($(check)) left out; '' for anything else. */
function englishWords(node) {
  if (!node) return '';
  const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ') : (literal(node) ?? '');
  return text.replace(/\$\([\w~-]+\)/g, '').match(/[A-Za-z]{2,}/) ? text : '';
}

function insideFunction(node) {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isFunctionLike(parent) || ts.isClassStaticBlockDeclaration(parent)) return true;
    // A property initialiser runs when an instance is made, not when the module loads.
    if (ts.isPropertyDeclaration(parent) && !parent.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword)) return true;
  }
  return false;
}

/** Every sentence in the source, with where each problem is. */
export function collect() {
  const strings = new Set();
  const problems = [];
  for (const file of sourceFiles(path.join(root, 'src'), '.ts')) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node) => `${relative}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const shownByVscode = relative.startsWith('src/vscode/');
    const untranslated = (node, value) => {
      if (shownByVscode && englishWords(value)) problems.push(`${where(node)}: shown in English; pass it through vscode.l10n.t`);
    };
    const add = (node, text) => {
      if (text === undefined) problems.push(`${where(node)}: the English must be a literal string, with {0} … for values`);
      else strings.add(text);
    };
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && /(^|\/)core\/l10n$|^\.\/l10n$/.test(literal(node.moduleSpecifier) ?? '') && relative !== 'src/core/l10n.ts') {
        const bindings = node.importClause?.namedBindings;
        if (!bindings || !ts.isNamespaceImport(bindings) || bindings.name.text !== 'l10n' || node.importClause.name) problems.push(`${where(node)}: import the core's l10n as \`import * as l10n from '…/core/l10n'\``);
      }
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && UI_CALLS.test(node.expression.getText(source))) untranslated(node, node.arguments?.[0]);
      if (ts.isPropertyAssignment(node) && UI_PROPERTIES.has(node.name.getText(source))) untranslated(node, node.initializer);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && UI_PROPERTIES.has(node.left.name.text)) {
        untranslated(node, node.right);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const callee = node.expression.getText(source).replace(/\s+/g, '');
        const [first, second, third] = node.arguments;
        if (callee === 'vscode.l10n.t') add(node, literal(first));
        if (callee === 'l10n.t' || callee === 'l10n.plural') {
          if (callee === 'l10n.t') add(node, literal(first));
          else for (const form of [second, third]) add(node, literal(form));
          if (!insideFunction(node)) problems.push(`${where(node)}: made when the module loads, so it would stay English; make it when it is needed`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const sorted = Object.fromEntries([...strings].sort().map((text) => [text, text]));
  return { strings: sorted, problems };
}

function bundleText(strings) {
  return `${JSON.stringify(strings, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { strings, problems } = collect();
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ strings, problems }));
  } else {
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    if (process.argv.includes('--check')) {
      const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
      if (current !== bundleText(strings)) {
        process.stderr.write(`${path.relative(root, BUNDLE)} is not up to date: run npm run l10n\n`);
        process.exitCode = 1;
      }
    } else {
      fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
      fs.writeFileSync(BUNDLE, bundleText(strings));
      process.stdout.write(`${path.relative(root, BUNDLE)}: ${Object.keys(strings).length} strings\n`);
    }
    if (problems.length > 0) process.exitCode = 1;
  }
}
