/**
 * An e-mail address as one person: case and a "+tag" in the local part do not make another person
 * (`Kim.Park+shop@Example.com` is `kim.park@example.com`). SQL that compares addresses uses NORMALISED_EMAIL_SQL,
 * which must stay the same function.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase().replace(/\+[^@]*@/, "@")
}

/** normaliseEmail in SQL, over a column or expression `e`. */
export const normalisedEmailSql = (e: string) => `lower(regexp_replace(btrim(${e}), '\\+[^@]*@', '@'))`
