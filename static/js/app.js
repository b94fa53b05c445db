// Site-wide JavaScript entry point. Load it as an ES module:
//   <script type="module" src="/static/js/app.js"></script>
// It is an external file (not an inline script) so it works under our CSP.
//
// Browsers without ES module support never run this file. They get the
// no-JS versions of the components, as GOV.UK Frontend intends.

import { initAll as initGovukFrontend } from '../vendor/govuk-frontend/govuk-frontend.min.js'
import { initAll as initMojFrontend } from '../vendor/moj-frontend/moj-frontend.min.js'

// GOV.UK Frontend 5+ only initialises components when <body> has this class.
// The GOV.UK page template usually sets it from an inline script. We set it
// here instead, before calling initAll().
// 'js-enabled' is also added as a fallback, because both GOV.UK and MOJ
// styles depend on it. The base template should set it as early as possible.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

initGovukFrontend()

// The MOJ bundle is also an ES module that exports initAll(). That covers
// AddAnother, Alert, ButtonMenu, DatePicker, MultiSelect, PasswordReveal,
// PdsHeader, RichTextEditor, SearchToggle and SortableTable.
// FilterToggleButton, FormValidator and MultiFileUpload need explicit
// configuration, so they must be set up per page if we use them.
initMojFrontend()

// A page that waits for work in the background (an export being built) carries data-poll:
// it is fetched again every few seconds until the work is done, and the status region, which is
// a live region, is replaced so screen readers hear the progress.
const polling = document.querySelector('[data-poll]')
if (polling) {
  const again = async () => {
    const response = await fetch(window.location.href, { headers: { 'X-Requested-With': 'poll' } })
    if (!response.ok) return
    const page = new DOMParser().parseFromString(await response.text(), 'text/html')
    const fresh = page.querySelector('[data-poll], [data-poll-done]')
    if (fresh) polling.replaceWith(fresh)
    if (fresh && fresh.hasAttribute('data-poll')) window.setTimeout(again, 3000)
    else if (fresh) window.location.reload()
  }
  window.setTimeout(again, 3000)
}
