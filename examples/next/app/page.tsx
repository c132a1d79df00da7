// A Server Component: it reads the session and the model's facts on the server, and renders the
// client component (Studio) or the sign-in form.
import { cookies } from 'next/headers'
import { ltx2FastModel } from 'ltx-react'
import { SESSION_COOKIE, sessionFromValue } from './session'
import { signIn } from './sign-in'
import { Studio } from './studio'

export default async function Page() {
  const session = await sessionFromValue((await cookies()).get(SESSION_COOKIE)?.value)
  return (
    <main>
      <h1>{ltx2FastModel.title}</h1>
      <p>{ltx2FastModel.description}</p>
      {session ? (
        <Studio />
      ) : (
        <form action={signIn}>
          <label>
            Your name <input name="name" required pattern="[\w\-]{1,40}" autoComplete="username" />
          </label>
          <button type="submit">Sign in</button>
        </form>
      )}
    </main>
  )
}
