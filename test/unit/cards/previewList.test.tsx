import { renderToStaticMarkup } from 'react-dom/server';
import { List, Text } from '../../../src/preview/client/uiExtensions.js';

/** The preview's stand-in for HubSpot's List, as the co-sell card uses it for a partner's reasons. */
describe('preview List', () => {
  const reasons = ['Gold tier', 'Based in BR', 'No closed registrations yet'];
  const markup = (variant?: string) =>
    renderToStaticMarkup(
      <List variant={variant}>
        {reasons.map((r) => (
          <Text key={r} variant="microcopy">{r}</Text>
        ))}
      </List>,
    );
  const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

  it('keeps the items of an inline-divided list apart in its text, with a divider between each', () => {
    expect(textOf(markup('inline-divided'))).toBe('Gold tier · Based in BR · No closed registrations yet');
    expect(markup('inline-divided').match(/<li>/g)).toHaveLength(3);
  });

  it('draws other lists as plain items', () => {
    expect(markup()).not.toContain('·');
  });
});
