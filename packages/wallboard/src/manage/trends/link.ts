// A chat's or ticket's link in the help desk from the configured template: `{id}` the id, `{number}` its
// trailing digits (the help desk's own number behind a source prefix such as `zd-`), `{kind}` chat or ticket.
export function helpdeskLink(template: string | null, kind: string, id: string): string | null {
  if (!template) return null;
  const number = /(\d+)$/.exec(id)?.[1] ?? id;
  return template.replaceAll('{id}', encodeURIComponent(id)).replaceAll('{number}', encodeURIComponent(number)).replaceAll('{kind}', kind);
}
