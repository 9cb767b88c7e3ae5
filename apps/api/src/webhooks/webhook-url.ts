import { ValidateBy } from 'class-validator';

/** Why `value` cannot be a webhook's URL, or undefined when it can. */
function refusalOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as https://example.com/hooks/crm';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an http or https URL, not ${url.protocol}`;
  // fetch refuses a URL with credentials: every delivery would fail.
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password: the signature is what authenticates deliveries';
  return undefined;
}

/** An absolute http(s) URL that deliveries can be POSTed to. */
export function IsWebhookUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isWebhookUrl',
    validator: {
      validate: (value) => refusalOf(value) === undefined,
      defaultMessage: (args) => `${args?.property} ${refusalOf(args?.value)}`,
    },
  });
}
