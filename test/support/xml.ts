// A strict little XML reader for tests of generated XML (JUnit reports): elements,
// double-quoted attributes, text and the five predefined entities. It throws on anything
// else, on bad nesting and on a bare `&` or `<`, so well-formedness is checked too.
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, at: number): string {
  return text.replace(/&([a-z]+);|&/g, (match, name: string | undefined) => {
    if (name === undefined || !(name in ENTITIES)) throw new Error(`bad entity ${JSON.stringify(match)} near ${at}`);
    return ENTITIES[name];
  });
}

export function parseXml(xml: string): XmlElement {
  const token = /<\?xml[^?]*\?>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (!match) throw new Error(`not XML near ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    const [whole, closing, name, rawAttributes, selfClosing, text] = match;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      top.text += decode(text, at);
    } else if (whole.startsWith('<?xml')) {
      if (at !== 0) throw new Error('XML declaration not at the start');
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}> near ${at}`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of rawAttributes.matchAll(/([\w:.-]+)="([^"]*)"/g)) attributes[key] = decode(value, at);
      const element: XmlElement = { name, attributes, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  const elements = root.children;
  if (elements.length !== 1 || root.text.trim() !== '') throw new Error('an XML document has exactly one root element');
  return elements[0];
}

export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}
