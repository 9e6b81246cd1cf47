/** The markup a blogger pastes into a post: the script tag, the element and its fallback link. */

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SnippetParts {
  /** Where the widget's script is served. */
  scriptUrl: string;
  /** Where the feed JSON will be published. */
  feedUrl: string;
  /** The article readers without JavaScript are sent to. */
  articleUrl: string;
  /** The fallback link's text: the comparison's title. */
  title: string;
}

export function embedSnippet({ scriptUrl, feedUrl, articleUrl, title }: SnippetParts): string {
  return [
    `<script type="module" src="${escapeHtml(scriptUrl)}"></script>`,
    `<ai-compare src="${escapeHtml(feedUrl)}">`,
    `  <a href="${escapeHtml(articleUrl)}">${escapeHtml(title)}</a>`,
    `</ai-compare>`,
  ].join('\n');
}
