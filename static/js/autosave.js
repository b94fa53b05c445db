// Saves a report section while the author types: a few seconds after they stop, and when they
// leave the box. Each save names the revision it was typed over; if someone else saved in between
// (another tab, another person) the server refuses it and says so, and the author's text stays in
// the box, ready to compare. A copy is also kept in this browser until the server has it, so a
// dropped connection or a closed tab loses nothing.

const form = document.querySelector('form[data-autosave]')

if (form) {
  const text = form.querySelector('textarea[name="text"]')
  const revision = form.querySelector('input[name="revision"]')
  const status = document.getElementById('autosave-status')
  const key = form.dataset.draftKey
  let timer = null
  let saving = false
  let stopped = false

  const say = (message) => { if (status) status.textContent = message }
  const keep = () => {
    try { window.localStorage.setItem(key, JSON.stringify({ revision: revision.value, text: text.value })) } catch (e) {}
  }
  const forget = () => { try { window.localStorage.removeItem(key) } catch (e) {} }

  // A copy kept from an earlier visit that never reached the server comes back into the box.
  try {
    const kept = JSON.parse(window.localStorage.getItem(key) || 'null')
    if (kept && (kept.text === text.value || kept.revision !== revision.value)) forget()
    else if (kept) {
      text.value = kept.text
      say('Your unsaved text from an earlier visit is back in the box. It saves shortly.')
      timer = window.setTimeout(() => save(), 1000)
    }
  } catch (e) {}

  const save = async () => {
    if (saving || stopped) return
    saving = true
    const body = new FormData(form)
    body.delete('then')
    try {
      const response = await fetch(form.dataset.autosave, {
        method: 'POST',
        body,
        headers: { 'X-Requested-With': 'autosave' },
        credentials: 'same-origin'
      })
      if (!(response.headers.get('Content-Type') || '').includes('json')) {
        say('Not saved: you may have been signed out. Your text is kept in this browser: sign in again in another tab, then press "Save the section".')
        return
      }
      const answer = await response.json()
      if (answer.saved) {
        if (answer.revision !== undefined) revision.value = String(answer.revision)
        forget()
        say('Saved at ' + answer.at + '.')
      } else if (answer.conflict) {
        stopped = true
        say(answer.message + ' Press "Save the section" to see both texts.')
      } else {
        say('Not saved: ' + answer.message + ' Your text is still here.')
      }
    } catch (e) {
      say('Not saved: the connection dropped. Your text is kept in this browser and saves when you press a button.')
    } finally {
      saving = false
    }
  }

  // Anything typed before this script ran is saved as soon as it has.
  if (text.value !== text.defaultValue && !timer) {
    keep()
    timer = window.setTimeout(save, 500)
  }

  text.addEventListener('input', () => {
    keep()
    window.clearTimeout(timer)
    timer = window.setTimeout(save, 3000)
  })
  // Leaving the box for one of the form's own buttons is a save already: no second one.
  text.addEventListener('blur', (event) => {
    window.clearTimeout(timer)
    const next = event.relatedTarget
    if (next && form.contains(next) && next.type === 'submit') return
    save()
  })
  // A submit while a save is on its way waits for it, then goes with the new revision.
  let pending = null
  form.addEventListener('submit', (event) => {
    window.clearTimeout(timer)
    if (saving) {
      event.preventDefault()
      pending = event.submitter || null
      const retry = () => {
        if (saving) { window.setTimeout(retry, 100); return }
        stopped = true
        form.requestSubmit(pending)
      }
      window.setTimeout(retry, 100)
      return
    }
    stopped = true
  })
}
