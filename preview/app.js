// Live updates for the Handout Press preview: the server says what changed, the page swaps in just that.
const status = document.getElementById('status');
const bar = document.getElementById('progress');
const main = document.getElementById('main');
let version = Number(document.body.dataset.version);
let pending = Promise.resolve();
/** What the server is working on (null: idle), and when its counts were last said. */
let working = bar ? !bar.hidden : false;
let saidPhase = null;
let saidAt = 0;

const say = (text) => {
  if (status) status.textContent = text;
};

/** The build's progress: the bar follows every step; the words change with each phase, and with the counts now and then. */
function showProgress(progress) {
  working = progress !== null;
  if (!bar) return;
  bar.hidden = !working;
  if (!working) {
    saidPhase = null;
    return;
  }
  bar.max = progress.total || 1;
  if (progress.total) bar.value = progress.done;
  else bar.removeAttribute('value');
  // Said at most every two seconds within a phase, so a screen reader is not flooded with counts.
  if (progress.phase !== saidPhase || Date.now() - saidAt > 2000) {
    say(progress.text);
    saidPhase = progress.phase;
    saidAt = Date.now();
  }
}

/** Fetch this page's main content again and replace the handouts whose version changed. */
async function update() {
  const response = await fetch(`/fragment${location.pathname}${location.search}`, { cache: 'no-store' });
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').body;
  const focusedKey = document.activeElement?.closest?.('[data-key]')?.dataset.key;
  const before = [...main.querySelectorAll('[data-key]')];
  const after = [...next.querySelectorAll('[data-key]')];
  const sameList = before.length === after.length && before.every((el, i) => el.dataset.key === after[i].dataset.key);
  let changed = 0;
  if (!sameList) {
    main.replaceChildren(...next.childNodes);
    changed = after.length;
  } else {
    after.forEach((element, i) => {
      if (before[i].dataset.version === element.dataset.version) return;
      before[i].replaceWith(element);
      changed++;
    });
    // The parts that belong to no handout (counts, project problems) are small: always take the new ones.
    for (const id of ['summary', 'project-problems']) {
      const fresh = next.querySelector(`#${id}`);
      main.querySelector(`#${id}`)?.replaceWith(fresh ?? document.createComment(id));
    }
  }
  if (focusedKey) main.querySelector(`[data-key="${CSS.escape(focusedKey)}"] a`)?.focus();
  return changed;
}

function refresh(to) {
  pending = pending.then(async () => {
    version = to;
    const changed = await update();
    // While the server works, the status line shows its progress.
    if (working) return;
    const time = new Date().toLocaleTimeString();
    say(
      changed > 0 ? `Updated ${changed} ${changed === 1 ? 'handout' : 'handouts'} at ${time}` : `Up to date (${time})`,
    );
  });
}

const events = new EventSource('/events');
events.addEventListener('hello', (event) => {
  const hello = JSON.parse(event.data);
  showProgress(hello.progress);
  if (hello.version !== version) refresh(hello.version);
  else if (!working) say('Up to date');
});
events.addEventListener('progress', (event) => showProgress(JSON.parse(event.data)));
events.addEventListener('update', (event) => refresh(JSON.parse(event.data).version));
events.addEventListener('error', () => say('Lost the preview server; trying again…'));

// Filters apply at once, without leaving the page, so focus stays where it was.
main.addEventListener('change', (event) => {
  const changedForm = event.target.closest('form.filters');
  if (!changedForm) return;
  const query = new URLSearchParams([...new FormData(changedForm)].filter(([, value]) => value !== ''));
  history.replaceState(null, '', query.size ? `/?${query}` : '/');
  pending = pending.then(async () => {
    await update();
    say(main.querySelector('#summary')?.textContent ?? '');
  });
});

// Arrow keys move between thumbnails in the grid; Home and End go to the first and last.
main.addEventListener('keydown', (event) => {
  const link = event.target.closest?.('.card a');
  if (!link) return;
  const links = [...main.querySelectorAll('.card a')];
  const index = links.indexOf(link);
  const top = links[0]?.getBoundingClientRect().top;
  const columns = Math.max(1, links.filter((l) => l.getBoundingClientRect().top === top).length);
  const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
  let target = index + (moves[event.key] ?? 0);
  if (event.key === 'Home') target = 0;
  if (event.key === 'End') target = links.length - 1;
  if (target === index || !links[target]) return;
  event.preventDefault();
  links[target].focus();
});
