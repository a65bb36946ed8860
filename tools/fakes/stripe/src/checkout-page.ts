import type { StripeObject } from './stripe-fake.js';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The amount as a payer reads it: minor units over the currency's two decimals. */
function amountText(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency.toUpperCase() }).format(minor / 100);
}

/**
 * The fake's hosted Checkout page: what is paid, two test cards (one succeeds, one is declined) and a Pay (or, in setup
 * mode, Save card) button; Cancel returns to the cancel URL. Plain, accessible HTML, so a browser journey can complete it.
 */
export function checkoutPage(session: StripeObject, error: string | null): string {
  const setup = session['mode'] === 'setup';
  const amount = typeof session['amount_total'] === 'number' ? amountText(session['amount_total'], String(session['currency'])) : '';
  const cancel = typeof session['cancel_url'] === 'string' ? `<a href="${escape(session['cancel_url'])}">Cancel and go back</a>` : '';
  const done = session['status'] !== 'open';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${setup ? 'Save a card' : `Pay ${escape(amount)}`} · Stripe test checkout</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #f6f9fc; color: #1a1f36; }
main { max-width: 28rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
h1 { font-size: 1.4rem; margin-top: 0; }
fieldset { border: 1px solid #d0d5dd; border-radius: 6px; margin: 1rem 0; padding: .75rem 1rem; }
label { display: block; padding: .35rem 0; }
button { width: 100%; padding: .75rem; font-size: 1rem; border: 0; border-radius: 6px; background: #4b3fd6; color: #fff; cursor: pointer; }
.error { color: #a1191f; font-weight: 600; }
.note { color: #50576b; font-size: .9rem; }
a { color: #3a2fb5; }
</style>
</head>
<body>
<main>
<h1>${setup ? 'Save a card for automatic payments' : `Pay ${escape(amount)}`}</h1>
<p class="note">Stripe test mode: no real card is charged.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
${
  done
    ? '<p>This checkout is already complete.</p>'
    : `<form method="post" action="/checkout/${escape(session.id)}/pay">
<fieldset>
<legend>Card</legend>
<label><input type="radio" name="card" value="4242" checked> Visa ending 4242 (succeeds)</label>
<label><input type="radio" name="card" value="0002"> Visa ending 0002 (declined)</label>
</fieldset>
<button type="submit">${setup ? 'Save card' : 'Pay'}</button>
</form>`
}
<p>${cancel}</p>
</main>
</body>
</html>`;
}
