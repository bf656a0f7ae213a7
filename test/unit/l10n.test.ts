import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10nPackage from '@vscode/l10n';
import { getL10nJson } from '@vscode/l10n-dev';
import * as ts from 'typescript';

const root = path.join(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir = path.join(root, 'src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('Localisation: the string bundle', () => {
  it('l10n/bundle.l10n.json is what `npm run l10n` extracts from src/ now (run it after changing a text)', async function () {
    this.timeout(60_000);
    const extracted = await getL10nJson(sourceFiles().map((file) => ({ extension: '.ts', contents: fs.readFileSync(file, 'utf8') })));
    assert.deepEqual(readJson('l10n/bundle.l10n.json'), extracted);
  });

  it('translations only have keys the English bundle has', () => {
    const english = Object.keys(readJson('l10n/bundle.l10n.json'));
    for (const file of fs.readdirSync(path.join(root, 'l10n')).filter((name) => /^bundle\.l10n\..+\.json$/.test(name))) {
      const unknown = Object.keys(readJson(`l10n/${file}`)).filter((key) => !english.includes(key));
      assert.deepEqual(unknown, [], `l10n/${file} has keys that are no longer in the code`);
    }
  });
});

describe('Localisation: package.json', () => {
  // The same list `npm run l10n` uses to move texts into package.nls.json.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { userVisibleFields } = require(path.join(root, 'scripts', 'package-nls.js')) as {
    userVisibleFields: (pkg: unknown) => Array<{ holder: Record<string | number, string>; field: string | number; key: string }>;
  };
  const pkg = readJson('package.json');
  const nls = readJson('package.nls.json');

  it('says where the l10n bundles are', () => {
    assert.equal(pkg.l10n, './l10n');
  });

  it('has no literal text in a user-visible field: displayName, description, capabilities, view containers, views (name, contextualTitle, accessibilityHelpContent), viewsWelcome, commands (title, shortTitle, category), configuration (title, descriptions, enum descriptions, also of object properties and array items), walkthroughs', () => {
    const fields = userVisibleFields(pkg);
    assert.ok(fields.length >= 30, `only ${fields.length} user-visible fields found: is the field list broken?`);
    const keys = fields.map(({ key }) => key);
    for (const itemField of ['configuration.servers.items.name.description', 'configuration.servers.items.url.description']) {
      assert.ok(keys.includes(itemField), `the list knows the fields of an array setting's items (${itemField})`);
    }
    const literals = fields
      .filter(({ holder, field }) => !/^%[^%\s]+%$/.test(holder[field]))
      .map(({ key, holder, field }) => `${key}: ${JSON.stringify(holder[field])}`);
    assert.deepEqual(literals, [], 'run `npm run l10n` to move these into package.nls.json');
  });

  it('has no literal prose in any other field either (a field the list above does not know yet)', () => {
    // Fields that hold ids, context expressions, keys, paths or values, never text for people.
    const notText = new Set([
      'when',
      'enablement',
      'command',
      'group',
      'key',
      'mac',
      'linux',
      'win',
      'id',
      'view',
      'icon',
      'type',
      'scope',
      'default',
      'args',
      'main',
      'l10n',
      'publisher',
      'version',
      'license',
      'scripts',
      'dependencies',
      'devDependencies',
      'engines',
      'keywords',
      'categories',
      'activationEvents',
      'restrictedConfigurations',
      'supported',
      'submenu',
      'path',
      'light',
      'dark',
      'image',
      'markdown',
      'completionEvents',
      'pattern',
    ]);
    const found: string[] = [];
    const walk = (value: unknown, where: string, field: string): void => {
      if (notText.has(field)) return;
      if (typeof value === 'string') {
        if (!/^%[^%\s]+%$/.test(value) && /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(value)) found.push(`${where}: ${JSON.stringify(value)}`);
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, `${where}[${index}]`, field));
      } else if (value && typeof value === 'object') {
        Object.entries(value).forEach(([name, item]) => walk(item, `${where}.${name}`, name));
      }
    };
    walk(pkg, 'package.json', '');
    assert.deepEqual(found, []);
  });

  it('every %key% in package.json is in package.nls.json, and every key there is used', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = new Set([...text.matchAll(/"%([^%"\s]+)%"/g)].map((match) => match[1]));
    assert.deepEqual(
      [...used].filter((key) => typeof nls[key] !== 'string'),
      [],
      'keys missing from package.nls.json',
    );
    assert.deepEqual(
      Object.keys(nls).filter((key) => !used.has(key)),
      [],
      'keys in package.nls.json that package.json no longer uses',
    );
  });

  it('translated package.nls.<lang>.json files only have keys package.nls.json has', () => {
    for (const file of fs.readdirSync(root).filter((name) => /^package\.nls\..+\.json$/.test(name))) {
      assert.deepEqual(
        Object.keys(readJson(file)).filter((key) => !(key in nls)),
        [],
        `${file} has unknown keys`,
      );
    }
  });
});

/**
 * Finds user-visible texts written as bare literals instead of going through l10n.t, in
 * every file of src/. Two nets: (1) "sinks", the arguments and properties that always end up
 * on screen (notifications, quick input titles and prompts, tree item labels, tooltips,
 * descriptions, validation messages, error messages…) may not hold a literal with a word
 * in it; (2) any other string or template literal that reads like prose (two words) is
 * suspicious too, unless it goes to the log, which stays in English on purpose.
 */
describe('Localisation: source scan', () => {
  const SHOW_CALLS = new Set([
    'showInformationMessage',
    'showWarningMessage',
    'showErrorMessage',
    'setStatusBarMessage',
    'createInputBox',
    'showInputBox',
    'showQuickPick',
  ]);
  const TEXT_PROPERTIES = new Set([
    'title',
    'placeholder',
    'placeHolder',
    'prompt',
    'tooltip',
    'description',
    'detail',
    'label',
    'message',
    'confirmLabel',
    'validationMessage',
    'problem',
    'text',
    'what',
  ]);
  const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append']);
  /**
   * Files that are not UI: the l10n runtime itself, test-only hooks, and the support report,
   * which stays in English like the log it carries: it is read by whoever answers the issue.
   */
  const SKIPPED = [path.join('src', 'testing') + path.sep, path.join('src', 'model', 'diagnostics.ts')];

  /** The fixed text of a string or template literal; undefined for anything else. */
  function literalText(node: ts.Node): string | undefined {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    return undefined;
  }

  /** Without codicons like $(copy), URLs and constants like KILL_REQUEST, which stay as they are in every language. */
  const words = (text: string): string =>
    text
      .replace(/\$\([\w-]+\)/g, '')
      .replace(/\b[a-z]+:\/\/\S*/g, '')
      .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b|\b[A-Z]{2,}\b/g, '');
  const hasWord = (text: string): boolean => /[A-Za-z]{2,}/.test(words(text));
  const isProse = (text: string): boolean => /[A-Za-z]{2,}[,.:;!?…"']?\s+["']?[A-Za-z]{2,}/.test(words(text));

  function isL10nCall(node: ts.Node): node is ts.CallExpression {
    return (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 't' &&
      /(^|\.)l10n$/.test(node.expression.expression.getText())
    );
  }

  function isLogCall(node: ts.Node): boolean {
    return (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      LOG_METHODS.has(node.expression.name.text) &&
      /(^|\.)(log|channel|console)$/i.test(node.expression.expression.getText())
    );
  }

  /** The expressions that end up on screen as they are: a literal, or either branch of a ?:. */
  function shownExpressions(node: ts.Expression): ts.Expression[] {
    const inner = ts.isParenthesizedExpression(node) ? node.expression : node;
    if (ts.isConditionalExpression(inner)) return [...shownExpressions(inner.whenTrue), ...shownExpressions(inner.whenFalse)];
    if (
      ts.isBinaryExpression(inner) &&
      (inner.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
        inner.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        inner.operatorToken.kind === ts.SyntaxKind.PlusToken)
    ) {
      return [...shownExpressions(inner.left), ...shownExpressions(inner.right)];
    }
    return [inner];
  }

  function sinkExpressions(node: ts.Node): ts.Expression[] {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const args = [...(node.arguments ?? [])];
      if (SHOW_CALLS.has(name)) return args;
      if (name === 'show' && ts.isPropertyAccessExpression(callee) && /notifier$/i.test(callee.expression.getText())) return args.slice(1);
      if (ts.isNewExpression(node) && name === 'TreeItem') return args.slice(0, 1);
      if (ts.isNewExpression(node) && name === 'ScrapeHubError') return args.slice(1, 2);
      if (['reportError', 'guard'].includes(name)) return args.slice(1, 2);
      if (['messagePickItems', 'pickMessage'].includes(name)) return args.slice(1, 2);
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && TEXT_PROPERTIES.has(node.name.text)) return [node.initializer];
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      TEXT_PROPERTIES.has(node.left.name.text)
    ) {
      return [node.right];
    }
    if (ts.isReturnStatement(node) && node.expression) {
      const fn = ts.findAncestor(node, ts.isFunctionLike);
      const fnName = fn && 'name' in fn && fn.name && ts.isIdentifier(fn.name) ? fn.name.text : '';
      if (
        /^(validate|describe|format|spoken)|Label$|Tooltip$|^get$/.test(fnName) ||
        (fn && ts.isGetAccessor(fn) && TEXT_PROPERTIES.has(fnName))
      ) {
        return [node.expression];
      }
    }
    return [];
  }

  /** `file:line: problem` for each text that bypasses l10n.t. Exported for the self-test below. */
  function scan(fileName: string, source: string): string[] {
    const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
    const problems: string[] = [];
    const report = (node: ts.Node, why: string): void => {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      problems.push(`${path.relative(root, fileName)}:${line + 1}: ${why}: ${node.getText(file).slice(0, 100)}`);
    };
    const flagged = new Set<ts.Node>();
    const visit = (node: ts.Node, inLog: boolean): void => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
      if (isL10nCall(node)) {
        const [message, ...args] = node.arguments;
        if (!message || !(ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message))) {
          report(node, 'l10n.t needs a plain string with {0} placeholders (l10n-dev cannot extract anything else)');
        }
        args.forEach((arg) => visit(arg, inLog));
        return;
      }
      const logging = inLog || isLogCall(node);
      for (const expression of sinkExpressions(node)) {
        for (const shown of shownExpressions(expression)) {
          const text = literalText(shown);
          if (text !== undefined && hasWord(text) && !flagged.has(shown)) {
            flagged.add(shown);
            report(shown, 'shown to the user without l10n.t');
          }
        }
      }
      if (
        !logging &&
        !flagged.has(node) &&
        (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
      ) {
        const parent = node.parent;
        const isKey = parent && (ts.isPropertyAssignment(parent) || ts.isPropertyAccessExpression(parent)) && parent.name === node;
        const text = literalText(node);
        if (!isKey && text !== undefined && isProse(text)) report(node, 'reads like prose but is not localised (l10n.t) or logged');
      }
      ts.forEachChild(node, (child) => visit(child, logging));
    };
    visit(file, false);
    return problems;
  }

  it('finds every text in src/ going through l10n.t', () => {
    const files = sourceFiles().filter((file) => !SKIPPED.some((skipped) => path.relative(root, file).startsWith(skipped)));
    assert.ok(files.length > 40, `only ${files.length} source files found`);
    const problems = files.flatMap((file) => scan(file, fs.readFileSync(file, 'utf8')));
    assert.deepEqual(problems, []);
  });

  it('catches the regressions it is meant to catch (self-test on known-bad code)', () => {
    const bad = [
      `vscode.window.showInformationMessage('Done.');`,
      `context.notifier.show('info', \`Sent \${what}.\`);`,
      `context.notifier.show('error', ok ? vscode.l10n.t('Fine') : 'Broken');`,
      `box.placeholder = 'Pick a message';`,
      `prompts.pick({ title: 'Send Message', items });`,
      `item.tooltip = \`\${name} has pending messages\`;`,
      `item.description = 'pending';`,
      `new vscode.TreeItem('Show more', 0);`,
      `function validateName(v) { return 'Enter a name.'; }`,
      `const x = vscode.l10n.t(\`Sent \${what}\`);`,
      `const FALLBACK = { network: 'Could not reach the server.' };`,
      `throw new ScrapeHubError('notConfigured', 'No key.');`,
    ];
    bad.forEach((code) => assert.equal(scan(path.join(root, 'src', 'bad.ts'), code).length, 1, `not caught: ${code}`));
    const good = [
      `vscode.window.showInformationMessage(vscode.l10n.t('Done.'));`,
      `context.notifier.show('info', vscode.l10n.t('Sent {0}.', what), SHOW_LOG);`,
      `this.log.info(\`[send] sent \${what} as \${id}\`);`,
      `item.text = \`$(mail) \${total}\`;`,
      `item.id = \`message:\${id}\`;`,
      `item.tooltip = \`\${name}\\n\${pending}\`;`,
      `const items = [{ label: 'KILL_REQUEST', value: 'KILL_REQUEST' }];`,
      `l10n.t('{0} of {1}', a, b);`,
    ];
    good.forEach((code) => assert.deepEqual(scan(path.join(root, 'src', 'good.ts'), code), [], `wrongly flagged: ${code}`));
  });
});

describe('Localisation: the bundled l10n runtime (@vscode/l10n)', () => {
  const cases: Array<[string, ...Array<string | number | boolean>]> = [
    ['Plain text.'],
    ['{0} of {1} messages', 3, 7],
    ['Sent {0}.', 'START to "acme"'],
    ['Left {0} alone: {name} and {5}', 'x'],
    ['Missing {1}', 'only zero'],
    ['Zero {0} and false {1}', 0, false],
    ['Not in the bundle {0}', 'arg'],
  ];
  const english = [
    'Plain text.',
    '3 of 7 messages',
    'Sent START to "acme".',
    'Left x alone: {name} and {5}',
    'Missing {1}',
    'Zero 0 and false false',
    'Not in the bundle arg',
  ];
  // An empty translation falls back to the text; an entry with comments gives its message. (Plain
  // Node loads the package's Node build; the bundle its browser build, with the same t() and config().)
  const translated = ['Texte simple.', '7 messages, dont 3', ...english.slice(2, 5), 'Zéro 0, faux false', english[6]];
  const bundle = {
    'Plain text.': 'Texte simple.',
    '{0} of {1} messages': '{1} messages, dont {0}',
    'Sent {0}.': '',
    'Zero {0} and false {1}': { message: 'Zéro {0}, faux {1}', comment: ['ignored: keyed with the comment'] },
  };

  afterEach(() => l10nPackage.config({ contents: {} }));

  it('formats {0}, {1}… without a bundle (English)', () => {
    cases.forEach(([message, ...args], index) => assert.equal(l10nPackage.t(message, ...args), english[index], message));
  });

  it('translates with a bundle, given as VS Code hands it over or as JSON text', () => {
    for (const contents of [bundle, JSON.stringify(bundle)]) {
      l10nPackage.config({ contents });
      cases.forEach(([message, ...args], index) => assert.equal(l10nPackage.t(message, ...args), translated[index], message));
    }
  });
});
