// The log-in token, kept for the tab (sessionStorage) so a reload stays logged in and closing the tab logs out.
const TOKEN_KEY = "promoter-portal:token"

function read(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

let token: string | null = read()

export function currentToken(): string | null {
  return token
}

export function setToken(value: string | null): void {
  token = value
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value)
    else sessionStorage.removeItem(TOKEN_KEY)
  } catch {
    // private mode: the session lasts as long as the page
  }
}
