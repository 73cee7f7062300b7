/**
 * The local OpenID Connect provider's pages (infra/local/oidc-provider.ts):
 * the demo user picker (its sign-in page), the sign-out question, "signed
 * out" and errors. Norwegian (bokmål), plain HTML with no script: one
 * labelled list and a button, headings, a skip-free single column, text that
 * says what happens, error text in a live region; works with keyboard and
 * screen readers.
 */

export interface PickerUser {
  username: string;
  roles: readonly string[];
}

const ROLE_NB: Record<string, string> = { participant: 'deltaker', adviser: 'rådgiver', payroll: 'lønn', admin: 'administrator' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#111}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #ccd;border-radius:8px}
h1{font-size:1.6rem;margin-top:0}label{display:block;font-weight:600;margin:1rem 0 .4rem}
select,button{font-size:1.1rem;padding:.6rem;min-height:44px}select{width:100%}
button{margin-top:1rem;background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:.6rem 1.4rem;cursor:pointer}
button:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.error{color:#a00;font-weight:600}.muted{color:#444}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Introflyt</title><style>${STYLE}</style></head>
<body><main id="main">${body}</main></body>
</html>
`;
}

export function pickerPage(p: { action: string; users: readonly PickerUser[]; role: string | undefined; error?: string }): string {
  const who = p.role === 'participant' ? 'ID-porten' : p.role === undefined ? 'innlogging' : 'kommunens innlogging';
  const options = p.users.map((u) => `<option value="${escapeHtml(u.username)}">${escapeHtml(u.username)} (${escapeHtml(u.roles.map((r) => ROLE_NB[r] ?? r).join(', '))})</option>`).join('');
  return layout(
    'Logg inn',
    `<h1>Logg inn</h1>
<p>Dette er den lokale demoen av Introflyt. Her står en lokal OpenID Connect-tjeneste i stedet for ${escapeHtml(who)} (på AWS: Amazon Cognito med ID-porten for deltakere og kommunens katalog for ansatte). Velg en demobruker. Det trengs ikke passord.</p>
<form method="post" action="${escapeHtml(p.action)}">
<label for="demo-user">Demobruker</label>
<select id="demo-user" name="username" required>${options}</select>
<button type="submit">Logg inn</button>
</form>
<p class="error" role="alert">${p.error === undefined ? '' : escapeHtml(p.error)}</p>`,
  );
}

/** The sign-out question. `form` is oidc-provider's form (its action and the XSRF secret are taken from it). */
export function logoutPage(form: string, secret: string | undefined): string {
  const action = /action="([^"]+)"/.exec(form)?.[1] ?? '';
  const xsrf = secret ?? /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  return layout(
    'Logg ut',
    `<h1>Logg ut</h1>
<p>Du logges ut av Introflyt på alle enheter. Sider som er åpne, må logge inn på nytt.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="xsrf" value="${escapeHtml(xsrf)}">
<input type="hidden" name="logout" value="yes">
<button type="submit" id="confirm-logout">Logg ut</button>
</form>`,
  );
}

export function loggedOutPage(): string {
  return layout('Logget ut', '<h1>Du er logget ut</h1><p>Du kan lukke dette vinduet.</p>');
}

export function errorPage(message: string): string {
  return layout('Feil ved innlogging', `<h1>Innloggingen mislyktes</h1><p class="error" role="alert">${escapeHtml(message)}</p>`);
}
