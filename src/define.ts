/** Registers `<ai-compare>`; loading the script twice (or two copies) keeps the first definition. */
import { AiCompare } from './ai-compare.js';

if (!customElements.get('ai-compare')) customElements.define('ai-compare', AiCompare);

declare global {
  interface HTMLElementTagNameMap {
    'ai-compare': AiCompare;
  }
}
