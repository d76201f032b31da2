import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { checkImage } from '../../src/shared/image-info.js';

const svg = (body: string, head = '') =>
  Buffer.from(
    `${head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">${body}</svg>`,
  );

function refusal(bytes: Uint8Array): HandoutError {
  try {
    checkImage(bytes, 'clinic.yaml', 'logo x.svg', { line: 2 });
  } catch (error) {
    if (error instanceof HandoutError) return error;
    throw error;
  }
  throw new Error('the SVG was accepted');
}

/** A PNG header claiming a size, with real (small) pixel data behind it: what a pixel-bomb looks like. */
function pngClaiming(width: number, height: number): Buffer {
  const png = Buffer.from(PNG.sync.write(new PNG({ width: 8, height: 8 })));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}

describe('SVG: parsed with an XML parser, rebuilt from an allow-list', () => {
  it.each([
    [
      'a prefixed script',
      '<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>',
      /contains a script/,
    ],
    ['an empty script element', '<script/>', /contains a script/],
    ['an empty foreignObject', '<foreignObject/>', /foreign \(HTML\) content/],
    ['HTML by namespace', '<div xmlns="http://www.w3.org/1999/xhtml">x</div>', /foreign \(HTML\) content/],
    ['CSS @import', '<style>@import url(http://evil.example/x.css);</style>', /style rules that load/],
    ['a url() to another file', '<rect width="1" height="1" fill="url(file:///etc/passwd#x)"/>', /in a url\(\)/],
    ['an event handler', '<rect width="1" height="1" onload="alert(1)"/>', /event handlers \(onload\)/],
    ['an external image', '<image href="https://evil.example/x.png" width="1" height="1"/>', /another file or address/],
    ['a link element', '<a href="https://evil.example"><rect width="1" height="1"/></a>', /uses <a>/],
    ['an animation that rewrites href', '<set attributeName="href" to="javascript:alert(1)"/>', /uses <set>/],
  ])('refuses %s', (_name, body, pattern) => {
    const error = refusal(svg(body));
    expect(error).toMatchObject({ code: 'svg-unsafe', file: 'clinic.yaml', line: 2 });
    expect(error.message).toMatch(pattern);
  });

  it('refuses a DOCTYPE (SYSTEM entities, billion laughs) before any entity is expanded', () => {
    const head = '<?xml version="1.0"?><!DOCTYPE svg SYSTEM "file:///etc/passwd">';
    expect(refusal(svg('<rect width="1" height="1"/>', head))).toMatchObject({ code: 'svg-unsafe' });
  });

  it('counts <use> copies: a 1.5 KB amplification file is refused, not drawn', () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<g id="l${i + 1}">${Array.from({ length: 10 }, () => `<use href="#l${i}"/>`).join('')}</g>`,
    ).join('');
    const bomb = svg(`<defs><rect id="l0" width="1" height="1"/>${levels}</defs><use href="#l9"/>`);
    expect(bomb.length).toBeLessThan(2000);
    const error = refusal(bomb);
    expect(error.code).toBe('svg-too-complex');
    expect(error.message).toMatch(/more than 20000 elements once its <use> copies are counted/);
  });

  it('refuses a <use> loop and a deeply nested file with its own error, not a crash', () => {
    expect(refusal(svg('<g id="a"><use href="#a"/></g>')).message).toMatch(/refers to itself/);
    const deep = svg(`${'<g>'.repeat(20_000)}<rect width="1" height="1"/>${'</g>'.repeat(20_000)}`);
    expect(refusal(deep)).toMatchObject({ code: 'svg-too-complex', line: 2 });
  });

  it('applies the pixel limit and the damage check to pictures embedded as data: addresses', () => {
    const huge = pngClaiming(20_000, 20_000).toString('base64');
    const error = refusal(svg(`<image width="10" height="10" href="data:image/png;base64,${huge}"/>`));
    expect(error.code).toBe('image-too-large');
    expect(error.message).toMatch(/picture inside the SVG is 20000 × 20000 pixels/);
    const svgInSvg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
    expect(refusal(svg(`<image href="data:image/svg+xml;base64,${svgInSvg}"/>`)).code).toBe('svg-unsafe');
  });

  it('keeps a plain drawing, dropping editor metadata and unknown attributes', () => {
    const small = Buffer.from(PNG.sync.write(new PNG({ width: 2, height: 2 }))).toString('base64');
    const source = svg(
      `<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>` +
        `<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>` +
        `<rect width="5" height="5" fill="url(#g)" data-x="1" inkscape:label="r" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"/>` +
        `<image width="2" height="2" xlink:href="data:image/png;base64,${small}"/><text x="1" y="9">A &amp; B</text>`,
    );
    const { info, bytes } = checkImage(source, 'clinic.yaml', 'logo', { line: 2 });
    expect(info).toEqual({ format: 'svg', width: 10, height: 10 });
    const clean = Buffer.from(bytes).toString('utf8');
    expect(clean).toContain('fill="url(#g)"');
    expect(clean).toContain('A &amp; B</text>');
    expect(clean).not.toMatch(/metadata|rdf|inkscape|data-x/);
  });
});
