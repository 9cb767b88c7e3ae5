/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field paths at fault, e.g. `lines[0].quantity`. */
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  408: 'Request timeout',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Business rule violated',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Every problem carries a `code`, its `type`'s last part: the one field a client branches on. */
export function problem(status: number, detail: string, extensions: Partial<Problem> = {}): Problem {
  const code = (extensions.code as string | undefined) ?? (titles[status] ?? 'error').toLowerCase().replace(/ /g, '-');
  return {
    type: `urn:crm:problem:${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...extensions,
    code,
  };
}
