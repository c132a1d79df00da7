'use server'
// The example's whole sign-in: any plain name, no password. Yours checks a password or an
// identity provider, then sets its session the same way.
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { createSessionValue, SESSION_COOKIE } from './session'

/** Sign in as the name the form gives and go back to the studio. */
export async function signIn(form: FormData): Promise<void> {
  const value = await createSessionValue(String(form.get('name') ?? '').trim())
  if (value === undefined) redirect('/?error=name')
  ;(await cookies()).set(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 60 * 60 * 8 })
  redirect('/')
}
