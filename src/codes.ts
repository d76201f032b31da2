/**
 * Every diagnostic code Handout Press reports, with what it means. A closed list: a code that is not here
 * does not type-check, so `--json` consumers can rely on it (the README's table is checked against it).
 */
export const diagnosticCodes = {
  // The command line and the project
  'not-a-project': 'the folder has no articles or no clinics, or --root does not exist',
  'config-missing': 'the file given with --config does not exist',
  'nothing-selected': '--article, --clinic or --template selected nothing the plan builds',
  'unknown-article': 'an article id that no file in content/articles has',
  'unknown-clinic': 'a clinic id that no file in content/clinics has',
  'output-clash': 'two build rules write the same file',
  'out-outside': "the config's output folder is outside the project",
  'init-exists': 'handout init would overwrite a file',
  // Reading files
  'file-missing': 'a file that is named is not there',
  'file-unreadable': 'a file cannot be read',
  'path-outside': 'a path leads outside the project',
  'not-a-file': 'a folder, pipe or device where a file belongs',
  'too-large': 'a file is over its size limit',
  encoding: 'a text file is not UTF-8',
  // YAML: the config, clinic files and front matter
  'yaml-syntax': 'the YAML cannot be parsed',
  'yaml-aliases': 'YAML aliases expand past the limit',
  'invalid-field': 'a field is unknown, missing or has a wrong value',
  contrast: 'a brand colour was darkened to be readable as text',
  // Articles
  'front-matter-missing': 'an article does not start with front matter',
  'raw-html': 'HTML in an article',
  'heading-depth': 'a heading deeper than ###',
  'unsupported-markdown': 'Markdown that cannot be laid out yet (tables, footnotes)',
  'too-deep': 'lists or quotes nested too deeply',
  'link-scheme': 'a link a reader cannot open (javascript:, file:, relative)',
  'alt-missing': 'an image without alt text',
  'image-remote': 'an image given as a web address',
  'image-path': 'an image path with a stray "%"',
  'image-missing': 'an image file that is not there',
  'image-invalid': 'a file that is not a PNG, JPEG or SVG image',
  'image-damaged': 'an image that is cut short or broken',
  'image-too-large': 'an image over the pixel limit',
  'svg-unsafe': 'an SVG with scripts, links to other files or other unsafe parts',
  'svg-too-complex': 'an SVG over the element or depth limit',
  'reading-grade': "an article's reading level is over the gate",
  'labels-missing': "labels missing for an article's language (printed in English)",
  // Templates and the layout spec
  'template-name': 'a template name with characters other than letters, digits and hyphens',
  'template-unknown': 'no template of that name',
  'template-syntax': 'a Handlebars syntax error',
  'template-variable': 'a template uses a variable that is not defined',
  'spec-xml': 'a template expanded to XML that is not well-formed',
  'spec-invalid': 'an element or attribute the layout spec does not allow',
  // Fonts
  'font-invalid': 'a font file that cannot be loaded',
  'font-format': 'a font format that cannot be embedded (WOFF2)',
  'font-unusable': 'an entry in fonts/ no template can use',
  'glyph-missing': 'a character no font of the template has',
  'pdfa-font': 'a font whose licence forbids embedding, in a PDF/A file',
  // Layout
  'fit-overflow': 'content that does not fit its pages or panels',
  'fit-size': 'fit: the type size or line spacing that layout chose (a note)',
  'fit-pages': 'fit="pages" could not reach the page count asked',
  'closing-left-out': 'an optional closing block left out to make room (a note)',
  'panel-empty': "a brochure's flow panel left empty",
  'panel-half-empty': "a brochure's flow panel more than half empty",
  'last-page-nearly-empty': 'the last page holds almost nothing',
  'layout-geometry': 'a frame with no room for the body',
  'layout-no-room': 'a container too narrow for its content',
  'page-limit': 'a layout that would need more pages than the limit',
  'cmyk-images': 'PNG and JPEG images left in RGB in a CMYK file',
  // Print preflight (handout check --print)
  'print-resolution': 'an image under 300 dpi at its printed size',
  'print-hairline': 'a line thinner than 0.25 pt',
  'print-small-text': 'text under 9 pt',
  // Building and the output folder
  'output-unwritable': 'the output folder cannot be written',
  'output-locked': 'another build holds the output folder',
  'output-unplanned': 'an output in the manifest that the plan no longer builds',
  'output-changed': 'an output to prune was changed since it was built; it is left alone',
  'handout-timeout': 'a handout took longer than its time budget',
  'handout-memory': 'a handout needed more than its memory budget',
  'worker-crashed': 'the worker building a handout failed',
  'manifest-invalid': 'a manifest that is not valid JSON or not a Handout Press manifest',
  'manifest-conflict': 'two shard manifests disagree about an output',
  // Importing web pages
  'import-empty': 'an imported page has no article text',
  'import-id': 'an article id that is not a safe file name',
  'import-lang': 'a language tag that is not valid',
  'import-exists': 'the imported article exists already',
  'import-too-deep': 'an imported page nested too deeply',
  internal: 'a bug in Handout Press',
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;
