/**
 * The words the activity rule (activity.ts) reads a line by, kept apart so that the rule reads as
 * rules. They were chosen from how commit subjects are written in public histories and tuned on the
 * "tune" part of test/unit/fixtures/activityLines.tsv only; the "holdout" part says how well they
 * carry over. Lower case. Nothing here knows VS Code.
 */

/**
 * Commit types and areas that open a subject as `type:` or `type(scope):`. A line that starts
 * this way was written for git, not for a person: even `feat:` before a real outcome.
 */
export const COMMIT_TYPES = new Set([
  'feat', 'feature', 'fix', 'bugfix', 'hotfix', 'chore', 'chores', 'docs', 'doc', 'style', 'refactor', 'perf', 'test', 'tests',
  'build', 'ci', 'cd', 'revert', 'deps', 'dep', 'release', 'wip', 'examples', 'example', 'changelog', 'bench', 'benches',
  'lint', 'clippy', 'fmt', 'format', 'pkg', 'packaging', 'github', 'typo', 'typos', 'cleanup', 'merge', 'misc', 'tooling',
]);

/** Verbs that say that work happened, not what it changed: a line that starts with one and says nothing more for anyone is activity. */
export const GENERIC_VERBS = new Set([
  'update', 'updated', 'updates', 'updating', 'upgrade', 'upgraded', 'upgrades', 'bump', 'bumped', 'bumps', 'bumping',
  'refactor', 'refactored', 'refactors', 'refactoring', 'restructure', 'restructured', 'reorganize', 'reorganized', 'reorganise', 'reorganised',
  'rework', 'reworked', 'cleanup', 'clean', 'cleaned', 'tidy', 'tidied', 'tweak', 'tweaked', 'tweaks', 'polish', 'polished',
  'simplify', 'simplified', 'rename', 'renamed', 'move', 'moved', 'flatten', 'flattened', 'format', 'formatted', 'reformat', 'reformatted',
  'merge', 'merged', 'revert', 'reverted', 'release', 'released', 'wip', 'misc', 'minor', 're-formulate', 'reformulate', 'rephrase', 'reword',
  'worked', 'working', 'addressed', 'address', 'did', 'continued', 'continue', 'various', 'more', 'consistency', 'improvements',
]);

/** Verbs that describe a change to code: activity when what they act on is code (below) and nothing more is said. */
export const CODE_VERBS = new Set([
  'add', 'added', 'adds', 'adding', 'remove', 'removed', 'removes', 'delete', 'deleted', 'fix', 'fixed', 'fixes', 'fixing',
  'implement', 'implemented', 'implements', 'introduce', 'introduced', 'use', 'used', 'using', 'set', 'setup', 'configure', 'configured',
  'write', 'wrote', 'document', 'documented', 'extract', 'extracted', 'replace', 'replaced', 'hide', 'expose', 'exposed', 'create', 'created',
  'modify', 'modified', 'change', 'changed', 'improve', 'improved', 'clarify', 'clarified', 'drop', 'dropped', 'switch', 'switched',
  'convert', 'converted', 'port', 'ported', 'migrate', 'migrated', 'split', 'inline', 'inlined', 'copy', 'include', 'included', 'make', 'made',
  'enable', 'enabled', 'disable', 'disabled', 'install', 'installed', 'initial', 'more', 'new',
]);

/** Things in a repository that only its developers meet. */
export const CODE_NOUNS = new Set([
  'test', 'tests', 'testing', 'spec', 'specs', 'unit', 'integration', 'e2e', 'coverage', 'fixture', 'fixtures', 'mock', 'mocks', 'stub', 'stubs',
  'snapshot', 'snapshots', 'benchmark', 'benchmarks', 'docs', 'doc', 'documentation', 'readme', 'changelog', 'license', 'comment', 'comments',
  'typo', 'typos', 'whitespace', 'lint', 'linter', 'linting', 'warning', 'warnings', 'clippy', 'eslint', 'prettier', 'tslint', 'ci', 'cicd',
  'pipeline', 'workflow', 'workflows', 'travis', 'travisci', 'appveyor', 'build', 'builds', 'script', 'scripts', 'makefile', 'dockerfile',
  'config', 'configuration', 'dependency', 'dependencies', 'deps', 'package', 'packages', 'lockfile', 'submodule', 'version', 'types', 'typings',
  'imports', 'import', 'function', 'functions', 'method', 'methods', 'class', 'classes', 'module', 'modules', 'folder',
  'directory', 'code', 'codebase', 'logic', 'helper', 'helpers', 'util', 'utils', 'utility', 'utilities', 'constant', 'constants',
  'variable', 'variables', 'parameter', 'parameters', 'param', 'params', 'argument', 'arguments', 'interface', 'interfaces', 'enum', 'struct',
  'trait', 'field', 'fields', 'handler', 'handlers', 'component', 'components', 'implementation', 'abstraction', 'wrapper', 'boilerplate',
  'scaffolding', 'sample', 'samples', 'template', 'templates', 'example', 'examples', 'logging', 'trace', 'tracing', 'debug', 'job',
  'crate', 'crates', 'lib', 'library', 'refactor', 'refactoring', 'cleanup', 'todo', 'todos', 'gitignore', 'editorconfig', 'tsconfig',
  'schema', 'api', 'endpoint', 'endpoints', 'service', 'controller', 'model', 'models', 'migration', 'migrations', 'query', 'queries',
  'review', 'feedback', 'branch', 'issue', 'issues', 'ticket', 'tickets', 'bug', 'bugs', 'stuff', 'things', 'node', 'typescript',
  'section', 'instructions', 'link', 'links', 'badge', 'badges', 'brew', 'homebrew', 'nix', 'snap', 'flatpak', 'aur', 'rpm', 'deb',
  'chocolatey', 'scoop', 'winget',
]);

/** What a person meets in the product: a line about one of these is not a change to the code only. */
export const USER_FACING = new Set([
  'setting', 'settings', 'option', 'options', 'flag', 'flags', 'button', 'buttons', 'menu', 'dialog', 'page', 'pages', 'screen', 'view',
  'views', 'shortcut', 'shortcuts', 'command', 'commands', 'tooltip', 'checkbox', 'notification', 'notifications', 'popup', 'prompt',
]);

/** Names written like identifiers that are brands, not code. */
export const BRANDS = new Set([
  'github', 'gitlab', 'bitbucket', 'typescript', 'javascript', 'postgresql', 'mysql', 'sqlite', 'mongodb', 'dynamodb', 'youtube', 'linkedin',
  'iphone', 'ipad', 'ios', 'macos', 'wordpress', 'paypal', 'devops', 'oauth', 'jetbrains', 'intellij', 'powershell', 'vscode', 'openai',
  'chatgpt', 'freebsd', 'openbsd', 'netbsd', 'appveyor', 'graphql', 'webassembly', 'nodejs', 'nextjs', 'graalvm', 'cloudflare', 'cloudfront',
]);

/** Words that make a whole line nothing but activity when it holds nothing else ("Minor improvements and bug fixes"). */
export const EMPTY_WORDS = new Set([
  'bug', 'bugs', 'fix', 'fixes', 'fixed', 'misc', 'miscellaneous', 'minor', 'small', 'various', 'some', 'more', 'lots', 'of', 'and', 'a', 'the',
  'changes', 'change', 'improvements', 'improvement', 'tweaks', 'tweak', 'cleanup', 'clean', 'up', 'refactor', 'refactoring', 'refactored',
  'wip', 'code', 'review', 'reviews', 'updates', 'update', 'updated', 'stuff', 'things', 'work', 'progress', 'general', 'polish', 'tidy',
  'housekeeping', 'maintenance', 'chore', 'chores', 'comments', 'addressed', 'feedback', 'pr', 'meetings', 'meeting', 'tickets', 'closed',
  'typo', 'typos', 'to', 'in', 'on', 'with', 'for', 'from', 'team', 'sync', 'syncs', 'standup', 'tweaking', 'coming', 'soon', 'progress:',
]);

/**
 * Who a change is for: a line that names one says what changed for whom ("…for enterprise
 * customers", "support can…"). A line naming one is never called activity for its verb.
 */
export const AUDIENCES = new Set([
  'user', 'users', "user's", "users'", 'customer', 'customers', "customer's", 'client', 'clients', 'people', 'person', 'everyone', 'anyone',
  'nobody', 'team', 'teams', 'teammate', 'teammates', 'admin', 'admins', 'administrators', 'developer', 'developers', 'engineers', 'member', 'members',
  'visitor', 'visitors', 'shopper', 'shoppers', 'buyer', 'buyers', 'seller', 'sellers', 'merchant', 'merchants', 'partner', 'partners',
  'patient', 'patients', 'doctor', 'doctors', 'student', 'students', 'teacher', 'teachers', 'staff', 'support', 'sales', 'finance', 'ops',
  'on-call', 'reader', 'readers', 'listener', 'listeners', 'viewer', 'viewers', 'player', 'players', 'driver', 'drivers', 'owner', 'owners',
  'manager', 'managers', 'reviewers', 'contributors', 'maintainers', 'newcomers', 'hires', 'agents', 'editors', 'designers', 'moderators',
  'tenants', 'renters', 'travellers', 'travelers', 'parents', 'kids', 'children', 'families', 'farmers', 'clinics', 'hospitals', 'freelancers',
  'subscribers', 'guests', 'employees', 'colleagues', 'translators', 'scientists', 'analysts', 'operators', 'technicians', 'shops', 'companies',
]);
