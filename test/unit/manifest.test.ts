/**
 * package.json against the code, in plain Node: the manifest's commands, menus, keybindings,
 * activation events, welcome views and walkthrough must name what the code has. A mismatch
 * here is a button that does nothing, or a command VS Code cannot find.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { CommandId } from '../../src/contributions/commandIds';
import { WALKTHROUGH_CONTEXT_KEYS, WALKTHROUGH_ID } from '../../src/model/walkthroughSteps';

const root = path.join(__dirname, '..', '..', '..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface Contribution {
  command: string;
  when?: string;
  group?: string;
}
interface ToolContribution {
  name: string;
  toolReferenceName?: string;
  canBeReferencedInPrompt?: boolean;
  displayName?: string;
  userDescription?: string;
  modelDescription?: string;
  icon?: string;
  inputSchema?: { type: string; properties: Record<string, unknown>; required?: string[] };
}
interface Manifest {
  engines: { vscode: string };
  activationEvents?: string[];
  contributes: {
    languageModelTools: ToolContribution[];
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    menus: Record<string, Contribution[]>;
    keybindings: Array<Contribution & { key: string }>;
    views: Record<string, Array<{ id: string }>>;
    viewsWelcome: Array<{ view: string; when: string; contents: string }>;
    walkthroughs: Array<{
      id: string;
      steps: Array<{ id: string; description: string; media: { markdown?: string }; completionEvents: string[] }>;
    }>;
  };
}

/**
 * The ids of `const enum CommandId`, read from its source: a const enum leaves no object
 * at run time (the bundles only carry each id where it is used).
 */
function enumValues(relativeFile: string, enumName: string): string[] {
  const file = path.join(root, ...relativeFile.split('/'));
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const declaration = source.statements.find(
    (statement): statement is ts.EnumDeclaration => ts.isEnumDeclaration(statement) && statement.name.text === enumName,
  );
  assert.ok(declaration, `${relativeFile} declares enum ${enumName}`);
  return declaration.members.map((member) => {
    assert.ok(member.initializer && ts.isStringLiteral(member.initializer), `${enumName}.${member.name.getText(source)} is a string`);
    return member.initializer.text;
  });
}

const COMMAND_IDS = enumValues('src/contributions/commandIds.ts', 'CommandId');
const TOOL_NAMES = enumValues('src/contributions/toolNames.ts', 'ToolName');
const manifest = readJson('package.json') as Manifest;
const nls = readJson('package.nls.json') as Record<string, string>;
/** A manifest text as VS Code shows it in English: `%key%` looked up in package.nls.json. */
const shown = (text: string): string => text.replace(/^%([^%\s]+)%$/, (placeholder, key: string) => nls[key] ?? placeholder);
const codeIds = new Set<string>(COMMAND_IDS);
const viewIds = Object.values(manifest.contributes.views)
  .flat()
  .map((view) => view.id);
/** Commands a `command:` link may run: ours, and the `<view>.focus` VS Code adds for each view. */
const runnable = new Set([...codeIds, ...viewIds.map((id) => `${id}.focus`)]);
const links = (text: string): string[] => [...shown(text).matchAll(/\]\(command:([\w.]+)\)/g)].map((match) => match[1]);
const menuEntries = (): Array<Contribution & { menu: string }> =>
  Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) => entries.map((entry) => ({ ...entry, menu })));

describe('Manifest: commands agree with the code', () => {
  it('contributes exactly the command ids in src/contributions/commandIds.ts, each once', () => {
    assert.ok(COMMAND_IDS.includes(CommandId.Refresh) && COMMAND_IDS.length >= 20, `only ${COMMAND_IDS.length} ids read from the enum`);
    const contributed = manifest.contributes.commands.map((command) => command.command);
    assert.equal(new Set(contributed).size, contributed.length, 'a command is contributed twice');
    assert.deepEqual(
      contributed.filter((id) => !codeIds.has(id)),
      [],
      'contributed but not in the code: VS Code would say "command not found"',
    );
    assert.deepEqual(
      COMMAND_IDS.filter((id) => !contributed.includes(id)),
      [],
      'in the code but not contributed',
    );
    assert.equal(new Set(COMMAND_IDS).size, COMMAND_IDS.length, 'two CommandId entries share an id');
  });

  it('gives every command the ScrapeHub category and a codicon', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(shown(command.category ?? ''), 'ScrapeHub', `${command.command} category`);
      assert.match(command.icon ?? '', /^\$\([a-z-]+\)$/, `${command.command} icon`);
    }
  });

  it('names only commands the code has in every menu', () => {
    const entries = menuEntries();
    assert.ok(entries.length >= 20, `only ${entries.length} menu entries found: is the walk broken?`);
    assert.deepEqual(
      entries.filter((entry) => !codeIds.has(entry.command)).map((entry) => `${entry.menu}: ${entry.command}`),
      [],
    );
  });

  it('binds keys only to commands the code has, and only while the Messages view has focus', () => {
    const { keybindings } = manifest.contributes;
    assert.deepEqual(
      keybindings.filter((binding) => !codeIds.has(binding.command)).map((binding) => binding.command),
      [],
    );
    assert.ok(
      keybindings.every((binding) => binding.when?.includes('focusedView == scrapehub.messages')),
      'a key bound outside the view',
    );
    const keysOf = (id: string) =>
      keybindings
        .filter((binding) => binding.command === id)
        .map((binding) => binding.key)
        .sort();
    assert.ok(keysOf(CommandId.Refresh).length > 0);
    assert.deepEqual(keysOf(CommandId.AcknowledgeMessage), ['backspace', 'delete']);
    assert.ok(keysOf(CommandId.CopyMessageId).includes('ctrl+c'));
  });

  it('activates on every command without listing them (VS Code ≥ 1.74 derives it), and lists nothing unknown', () => {
    const [major, minor] = (/(\d+)\.(\d+)/.exec(manifest.engines.vscode) ?? []).slice(1).map(Number);
    assert.ok(
      major > 1 || minor >= 74,
      `engines.vscode ${manifest.engines.vscode}: contributed commands do not activate the extension by themselves`,
    );
    for (const event of manifest.activationEvents ?? []) {
      const [kind, target] = event.split(':');
      if (kind === 'onCommand') assert.ok(codeIds.has(target), `${event}: no such command in the code`);
      else if (kind === 'onView') assert.ok(viewIds.includes(target), `${event}: no such view`);
      else if (kind === 'onLanguageModelTool') assert.ok(TOOL_NAMES.includes(target), `${event}: no such tool`);
      else if (event !== 'onUri') assert.fail(`unexpected activation event ${event}`);
    }
  });

  it('activates on a deep link, since src/extension.ts registers a URI handler', () => {
    assert.ok(manifest.activationEvents?.includes('onUri'));
  });

  it('hides the internal Show More command from the palette', () => {
    const palette = manifest.contributes.menus.commandPalette ?? [];
    assert.ok(palette.some((entry) => entry.command === (CommandId.ShowMore as string) && entry.when === 'false'));
  });
});

describe('Manifest: language-model tools agree with the code', () => {
  const tools = manifest.contributes.languageModelTools ?? [];

  it('contributes exactly the tool names in src/contributions/toolNames.ts, each once (that also activates the extension for them)', () => {
    assert.equal(TOOL_NAMES.length, 3);
    assert.deepEqual(tools.map((tool) => tool.name).sort(), [...TOOL_NAMES].sort());
    const [major, minor] = (/(\d+)\.(\d+)/.exec(manifest.engines.vscode) ?? []).slice(1).map(Number);
    assert.ok(major > 1 || minor >= 95, `engines.vscode ${manifest.engines.vscode}: vscode.lm.registerTool is stable from 1.95`);
  });

  it('declares for each tool what VS Code and a model need: a reference name, a display name, descriptions, an icon, an object schema', () => {
    const referenceNames = new Set<string>();
    for (const tool of tools) {
      assert.match(tool.name, /^scrapehub_[A-Za-z]+$/, 'VS Code wants [\\w-]+ and no copilot_/vscode_ prefix');
      assert.match(tool.toolReferenceName ?? '', /^[\w-]+$/, `${tool.name} toolReferenceName`);
      referenceNames.add(tool.toolReferenceName!);
      assert.equal(tool.canBeReferencedInPrompt, true, `${tool.name} canBeReferencedInPrompt`);
      assert.match(tool.icon ?? '', /^\$\([a-z-]+\)$/, `${tool.name} icon`);
      for (const field of ['displayName', 'userDescription', 'modelDescription'] as const) {
        assert.ok(
          shown(tool[field] ?? '').length > 10 && shown(tool[field]!) !== tool[field],
          `${tool.name} ${field} is a %key% with text`,
        );
      }
      assert.equal(tool.inputSchema?.type, 'object', `${tool.name} inputSchema`);
      for (const required of tool.inputSchema?.required ?? []) {
        assert.ok(required in tool.inputSchema.properties, `${tool.name} requires ${required}, which it describes`);
      }
    }
    assert.equal(referenceNames.size, tools.length, 'two tools share a toolReferenceName');
  });

  it('tells the model about the KILL_REQUEST two-step and its token', () => {
    const send = tools.find((tool) => tool.name === 'scrapehub_sendMessage');
    assert.match(shown(send?.modelDescription ?? ''), /two calls.*confirmationToken/s);
    assert.ok(send?.inputSchema && 'confirmationToken' in send.inputSchema.properties);
  });
});

describe('Manifest: menus on tree rows', () => {
  /** The commands shown on a row with this contextValue (`viewItem == x` or `viewItem =~ /re/`). */
  const shownOn = (contextValue: string): Contribution[] =>
    (manifest.contributes.menus['view/item/context'] ?? []).filter((entry) => {
      const exact = /viewItem == ([\w.]+)/.exec(entry.when ?? '');
      const pattern = /viewItem =~ \/(.+)\//.exec(entry.when ?? '');
      return exact ? exact[1] === contextValue : pattern ? new RegExp(pattern[1]).test(contextValue) : false;
    });
  const commandsOn = (contextValue: string) => [...new Set(shownOn(contextValue).map((entry) => entry.command))];

  it('offers Send Again, Copy Message ID and Copy as JSON on acknowledged rows only', () => {
    const placed = shownOn('scrapehub.acknowledgedMessage')
      .map((entry) => `${entry.command}@${entry.group?.split('@')[0]}`)
      .sort();
    assert.deepEqual(placed, [
      'scrapehub.copyMessageId@2_inspect',
      'scrapehub.copyMessageJson@2_inspect',
      'scrapehub.openMessage@2_inspect',
      'scrapehub.sendAgain@1_send',
      'scrapehub.sendAgain@inline',
    ]);
    assert.ok(!commandsOn('scrapehub.message').includes(CommandId.SendAgain));
    assert.ok(!commandsOn('scrapehub.acknowledgedMessage').includes(CommandId.AcknowledgeMessage));
  });

  it('offers per-scraper actions on scraper groups only, and the per-type acknowledge on type groups only', () => {
    assert.deepEqual(commandsOn('scrapehub.type.pending'), [CommandId.AcknowledgeAllOfType]);
    const onScraper = commandsOn('scrapehub.scraper.pending');
    assert.ok(onScraper.includes(CommandId.SendMessage) && onScraper.includes(CommandId.AcknowledgeAll));
    assert.ok(!onScraper.includes(CommandId.AcknowledgeAllOfType));
  });

  it("puts Group By… and Sort By… in the view title's … menu, not on the title bar", () => {
    const titleMenu = manifest.contributes.menus['view/title'] ?? [];
    for (const id of [CommandId.GroupBy, CommandId.SortBy] as string[]) {
      const entry = titleMenu.find((candidate) => candidate.command === id);
      assert.ok(entry && !entry.group?.startsWith('navigation'), `${id} is in the … menu`);
    }
  });
});

describe('Manifest: welcome views and the walkthrough', () => {
  const welcome = (state: string) => manifest.contributes.viewsWelcome.find((entry) => entry.when === `scrapehub.state == ${state}`);

  it('has welcome content, with a button that runs a real command, for every state the view can be in', () => {
    for (const state of ['noServer', 'invalidServer', 'noKey', 'keyRejected', 'unreachable', 'empty', 'noMatch']) {
      const entry = welcome(state);
      assert.ok(entry, `welcome content for ${state}`);
      const actions = links(entry.contents);
      assert.ok(actions.length > 0 && actions.every((id) => runnable.has(id)), `${state} offers a real command: ${actions.join(', ')}`);
    }
    for (const entry of manifest.contributes.viewsWelcome) {
      assert.deepEqual(
        links(entry.contents).filter((id) => !runnable.has(id)),
        [],
        entry.when,
      );
    }
  });

  it('explains a refused server URL (https) and offers Configure Server; offers Clear Filter when nothing matches', () => {
    assert.match(shown(welcome('invalidServer')?.contents ?? ''), /https.*\[Configure Server\]\(command:scrapehub\.configureServer\)/s);
    assert.match(shown(welcome('noMatch')?.contents ?? ''), /\[Clear Filter\]\(command:scrapehub\.clearFilter\)/);
  });

  it("ticks each walkthrough step with the context key the code sets, and each step's one button runs a real command", () => {
    const walkthrough = manifest.contributes.walkthroughs.find((candidate) => candidate.id === WALKTHROUGH_ID);
    assert.ok(walkthrough, `walkthrough ${WALKTHROUGH_ID} is contributed`);
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      Object.keys(WALKTHROUGH_CONTEXT_KEYS),
      'one step per context key, in order',
    );
    for (const step of walkthrough.steps) {
      const key = Object.entries(WALKTHROUGH_CONTEXT_KEYS).find(([id]) => id === step.id)?.[1];
      assert.deepEqual(step.completionEvents, [`onContext:${key}`], step.id);
      const buttons = links(step.description);
      assert.equal(buttons.length, 1, `${step.id} has one button`);
      assert.ok(runnable.has(buttons[0]), `${step.id}: ${buttons[0]} is a command the code has`);
      assert.ok(
        step.media.markdown && fs.existsSync(path.join(root, step.media.markdown)),
        `${step.id}: media ${step.media.markdown} exists`,
      );
    }
  });
});
