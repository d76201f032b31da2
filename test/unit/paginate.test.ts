import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/layout/paginate.js';
import { keptHard, keptSoft, type Slice, slice } from '../../src/layout/slices.js';

/** Issue 22: a keep chain yields at a soft keep before it leaves a page more than 30% empty. */
const page = () => ({ top: 0, bottom: 100 });
const lines = (n: number) => Array.from({ length: n }, () => slice(10, []));
const sizes = (pages: Slice[][]) => pages.map((p) => p.length);

describe('paginate with keep chains (issue 22)', () => {
  it('moves a short chain whole when the page it leaves stays at least 70% full', () => {
    const chain = lines(3).map((s, i) => (i < 2 ? keptSoft(s) : s));
    expect(sizes(paginate([...lines(8), ...chain], page, 5))).toEqual([8, 3]);
  });

  it('breaks a long soft chain rather than leave more than 30% of the page empty', () => {
    const chain = lines(6).map((s, i) => (i < 5 ? keptSoft(s) : s));
    expect(sizes(paginate([...lines(5), ...chain], page, 5))).toEqual([10, 1]);
  });

  it('never breaks a hard keep, however empty the page it leaves', () => {
    const chain = lines(6).map((s, i) => (i < 5 ? keptHard(s) : s));
    expect(sizes(paginate([...lines(5), ...chain], page, 5))).toEqual([5, 6]);
  });

  it('breaks only at the soft keeps inside a chain that also holds hard ones', () => {
    // Three pairs held hard, softly kept with each other: the page breaks between pairs.
    const chain = lines(6).map((s, i) => (i === 5 ? s : i % 2 === 0 ? keptHard(s) : keptSoft(s)));
    expect(sizes(paginate([...lines(5), ...chain], page, 5))).toEqual([9, 2]);
  });
});
