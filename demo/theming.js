// The theming playground: every control writes one token or attribute on the live widget, and
// the CSS and embed shown below are generated from the same state, so what you copy is what you see.

/** The colour tokens, with the widget's own defaults (light, dark). */
const COLOURS = [
  ['accent', 'Accent', '#4f46e5', '#a5b4fc'],
  ['on-accent', 'Text on accent', '#ffffff', '#0f172a'],
  ['second', 'Second tool', '#0e7490', '#67e8f9'],
  ['background', 'Background', '#ffffff', '#0f172a'],
  ['surface', 'Cards and panels', '#f8fafc', '#1e293b'],
  ['text', 'Text', '#0f172a', '#f1f5f9'],
  ['muted', 'Secondary text', '#475569', '#a3b1c6'],
  ['border', 'Borders', '#e2e8f0', '#334155'],
  ['ship', 'Ship verdicts', '#047857', '#6ee7b7'],
  ['skip', 'Skip verdicts, errors', '#b91c1c', '#fca5a5'],
  ['focus-ring', 'Focus ring', '#4f46e5', '#a5b4fc'],
];

const FONTS = [
  ['', "The page's font"],
  ['system-ui, sans-serif', 'System sans-serif'],
  ["Georgia, 'Times New Roman', serif", 'Serif (Georgia)'],
  ["'Trebuchet MS', 'Segoe UI', sans-serif", 'Humanist sans'],
  ["ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", 'Monospace'],
];

const DEFAULTS = {
  theme: 'auto',
  lang: 'en',
  density: 'comfortable',
  font: '',
  headingFont: '',
  radius: 12,
  space: 1,
  colours: Object.fromEntries(COLOURS.map(([token, , light, dark]) => [token, { light, dark }])),
};

const pair = (light, dark = light) => ({ light, dark });

const PRESETS = {
  default: {},
  newspaper: {
    font: "Georgia, 'Times New Roman', serif",
    radius: 2,
    colours: {
      accent: pair('#8b1a1a', '#f0a191'),
      'on-accent': pair('#ffffff', '#1b1916'),
      second: pair('#1f4e79', '#8fb8de'),
      background: pair('#fbf8f1', '#1b1916'),
      surface: pair('#f3eee2', '#25221d'),
      text: pair('#1a1a1a', '#efe9dc'),
      muted: pair('#5b5348', '#b9ae9b'),
      border: pair('#d8cfbd', '#3d382f'),
      ship: pair('#2f6b3a', '#8fc79a'),
      skip: pair('#8b1a1a', '#f0a191'),
      'focus-ring': pair('#1f4e79', '#8fb8de'),
    },
  },
  neon: {
    theme: 'dark',
    font: 'system-ui, sans-serif',
    headingFont: "'Trebuchet MS', 'Segoe UI', sans-serif",
    radius: 16,
    colours: {
      accent: pair('#39ff14'),
      'on-accent': pair('#0b0f1a'),
      second: pair('#ff4ecd'),
      background: pair('#0b0f1a'),
      surface: pair('#121a2b'),
      text: pair('#e6f1ff'),
      muted: pair('#9fb3c8'),
      border: pair('#24324a'),
      ship: pair('#39ff14'),
      skip: pair('#ff6b6b'),
      'focus-ring': pair('#ff4ecd'),
    },
  },
  mono: {
    font: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
    radius: 0,
    space: 0.875,
    colours: {
      accent: pair('#111111', '#f5f5f5'),
      'on-accent': pair('#ffffff', '#0a0a0a'),
      second: pair('#767676', '#8a8a8a'),
      background: pair('#ffffff', '#0a0a0a'),
      surface: pair('#f5f5f5', '#171717'),
      text: pair('#111111', '#f5f5f5'),
      muted: pair('#555555', '#a3a3a3'),
      border: pair('#d4d4d4', '#333333'),
      ship: pair('#111111', '#f5f5f5'),
      skip: pair('#555555', '#a3a3a3'),
      'focus-ring': pair('#111111', '#f5f5f5'),
    },
  },
};

const EMBED_SRC = 'https://publisher.example/feeds/cursor-vs-smolvlm2.json';

/** A deep copy of the defaults with a preset laid over them. */
function stateFor(name) {
  const preset = PRESETS[name] ?? {};
  const colours = structuredClone(DEFAULTS.colours);
  Object.assign(colours, structuredClone(preset.colours ?? {}));
  return { ...DEFAULTS, ...preset, colours };
}

/** The public tokens the state sets, in a stable order; defaults are left out. */
export function tokensOf(state) {
  const tokens = [];
  if (state.font) tokens.push(['--ai-compare-font-family', state.font]);
  if (state.headingFont) tokens.push(['--ai-compare-heading-font-family', state.headingFont]);
  for (const [token] of COLOURS) {
    const { light, dark } = state.colours[token];
    const fallback = token === 'focus-ring' ? state.colours.accent : DEFAULTS.colours[token];
    if (light === fallback.light && dark === fallback.dark) continue;
    tokens.push([`--ai-compare-${token}`, light === dark ? light : `light-dark(${light}, ${dark})`]);
  }
  if (state.radius !== DEFAULTS.radius) tokens.push(['--ai-compare-radius', `${state.radius}px`]);
  if (state.space !== DEFAULTS.space) tokens.push(['--ai-compare-space', `${state.space}rem`]);
  return tokens;
}

/** The attributes the embed needs besides `src`; defaults are left out. */
export function attributesOf(state) {
  return ['theme', 'density', 'lang'].filter((name) => state[name] !== DEFAULTS[name]).map((name) => [name, state[name]]);
}

export function cssOf(state) {
  const tokens = tokensOf(state);
  if (!tokens.length) return '/* The default theme: nothing to add. */';
  return `ai-compare {\n${tokens.map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}`;
}

export function embedOf(state) {
  const attributes = attributesOf(state).map(([name, value]) => ` ${name}="${value}"`).join('');
  return `<script type="module" src="https://cdn.example/ai-compare.js"></script>\n<ai-compare src="${EMBED_SRC}"${attributes}></ai-compare>`;
}

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function start() {
  const form = document.getElementById('controls');
  const preview = document.getElementById('preview');
  const stage = document.getElementById('stage');
  const cssOutput = document.getElementById('css-output');
  const htmlOutput = document.getElementById('html-output');
  const status = document.getElementById('copy-status');
  let state = stateFor('default');

  for (const name of ['font', 'headingFont']) {
    form.elements[name].append(
      ...FONTS.map(([value, label]) =>
        element('option', { value, textContent: name === 'headingFont' && !value ? 'Same as the text' : label }),
      ),
    );
  }
  const grid = document.getElementById('colours');
  for (const [token, label] of COLOURS) {
    const id = `colour-${token}`;
    grid.append(
      element('span', { id, textContent: label }),
      ...['light', 'dark'].map((scheme) => {
        const input = element('input', { type: 'color', name: `${token}:${scheme}` });
        input.setAttribute('aria-label', `${label}, ${scheme} scheme`);
        return input;
      }),
    );
  }

  /** Writes the state into the controls, the widget and the outputs. */
  function show() {
    for (const name of ['theme', 'lang', 'density', 'font', 'headingFont', 'radius', 'space']) {
      form.elements[name].value = String(state[name]);
    }
    form.elements.radiusOut.value = `${state.radius} px`;
    form.elements.spaceOut.value = `${state.space} rem`;
    for (const [token] of COLOURS) {
      form.elements[`${token}:light`].value = state.colours[token].light;
      form.elements[`${token}:dark`].value = state.colours[token].dark;
    }
    const tokens = tokensOf(state);
    for (const name of [...preview.style]) if (!tokens.some(([token]) => token === name)) preview.style.removeProperty(name);
    for (const [name, value] of tokens) preview.style.setProperty(name, value);
    for (const name of ['theme', 'density', 'lang']) {
      if (state[name] === DEFAULTS[name]) preview.removeAttribute(name);
      else preview.setAttribute(name, state[name]);
    }
    stage.classList.toggle('dark', state.theme === 'dark');
    document.documentElement.classList.toggle('dark-stage', state.theme === 'dark');
    stage.classList.toggle('compact', state.density === 'compact');
    cssOutput.textContent = cssOf(state);
    htmlOutput.textContent = embedOf(state);
    status.textContent = '';
  }

  function choosePreset(name) {
    state = stateFor(name);
    for (const button of form.querySelectorAll('[data-preset]')) {
      button.setAttribute('aria-pressed', String(button.dataset.preset === name));
    }
    show();
  }

  form.addEventListener('click', (event) => {
    const button = event.target.closest('[data-preset]');
    if (button) choosePreset(button.dataset.preset);
  });

  form.addEventListener('input', (event) => {
    const { name, value } = event.target;
    if (!name || name.endsWith('Out')) return;
    if (name.includes(':')) {
      const [token, scheme] = name.split(':');
      state.colours[token] = { ...state.colours[token], [scheme]: value };
    } else {
      state[name] = name === 'radius' || name === 'space' ? Number(value) : value;
    }
    for (const button of form.querySelectorAll('[data-preset]')) button.setAttribute('aria-pressed', 'false');
    show();
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  document.getElementById('copy').addEventListener('click', async () => {
    const css = cssOf(state);
    try {
      await navigator.clipboard.writeText(css);
      status.textContent = 'Copied to the clipboard.';
    } catch {
      // Without clipboard access, select the snippet so one keystroke copies it.
      getSelection()?.selectAllChildren(cssOutput);
      status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
    }
  });

  // `?preset=neon&lang=ar&density=compact&bare` opens a given setup (`bare`: the widget alone);
  // `sample=ar` shows a feed written in Arabic.
  const params = new URLSearchParams(location.search);
  if (params.get('sample') === 'ar') preview.setAttribute('src', '/demo/samples/cursor-vs-smolvlm2.ar.json');
  choosePreset(params.get('preset') in PRESETS ? params.get('preset') : 'default');
  for (const name of ['theme', 'lang', 'density']) {
    if (params.get(name)) state[name] = params.get(name);
  }
  show();
  document.documentElement.classList.toggle('bare', params.has('bare'));
}

if (document.getElementById('controls')) start();
