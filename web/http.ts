/**
 * The page's calls to the API: the bearer token (DIFFO_API_TOKEN) asked once and kept for the
 * browser session (sessionStorage), sent with every call; a 401 asks for it again.
 */
const tokenKey = 'diffo-api-token';

type TokenListener = (needed: boolean) => void;
const tokenListeners = new Set<TokenListener>();

export const storedToken = (): string | null => sessionStorage.getItem(tokenKey);

export function keepToken(token: string): void {
  sessionStorage.setItem(tokenKey, token);
  for (const listener of tokenListeners) listener(false);
}

/** Calls `listener(true)` whenever the API refuses the token (or its absence). */
export function onTokenNeeded(listener: TokenListener): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

export function askForToken(): void {
  for (const listener of tokenListeners) listener(true);
}

export const authorization = (): Record<string, string> => {
  const token = storedToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** A failed call: the HTTP status and the TMF Error's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the API with the token; the JSON answer, its headers and status, or an ApiError (401 also asks for the token). */
export async function api<T>(
  url: string,
  init: RequestInit = {},
): Promise<{ json: T; headers: Headers; status: number }> {
  const response = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...authorization(), ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  const json = (text ? JSON.parse(text) : undefined) as T;
  if (response.status === 401) askForToken();
  if (!response.ok) {
    const message = (json as { message?: string } | undefined)?.message ?? response.statusText;
    throw new ApiError(response.status, message);
  }
  return { json, headers: response.headers, status: response.status };
}
