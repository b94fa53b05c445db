// Checks a recommendation and its action for SMART while they are typed, with the same rules as
// the server (which checks again on saving): one action, a lead, a date, a measure, an outcome.
// The verbs that make "and ..." a second action come from the page (json_script), so there is
// one list.

const box = document.querySelector('[data-smart-check]')
const verbsElement = document.getElementById('smart-verbs')

if (box && verbsElement) {
  const verbs = new Set(JSON.parse(verbsElement.textContent))
  const field = (name) => document.getElementById('id_' + name)
  const filled = (name) => {
    const element = field(name)
    return !element || element.value.trim() !== ''
  }
  const joined = (text) => {
    const pattern = /\band\s+(?:then\s+|also\s+)?([a-z]+)/gi
    let match
    while ((match = pattern.exec(text)) !== null) {
      const word = match[1].toLowerCase()
      if (verbs.has(word)) return word
    }
    return null
  }

  const problems = () => {
    const found = []
    const recommendation = field('text')
    if (recommendation && recommendation.value.trim()) {
      const verb = joined(recommendation.value)
      if (verb) found.push(`The recommendation says “and ${verb}”: make that a separate recommendation.`)
    }
    const description = field('description')
    if (description && description.value.trim()) {
      const verb = joined(description.value)
      if (verb) found.push(`The action says “and ${verb}”: make that a second action.`)
    } else {
      found.push('Say what will be done.')
    }
    if (!filled('lead_name') || !filled('lead_role')) found.push('Name the lead person and their role.')
    if (!['0', '1', '2'].every((part) => filled('target_date_' + part))) found.push('Give a target date.')
    if (!filled('success_measure')) found.push('Say how you will know it has worked.')
    if (!filled('intended_outcome')) found.push('Say what it will change for children.')
    return found
  }

  const show = () => {
    const found = problems()
    box.replaceChildren()
    const heading = document.createElement('p')
    heading.className = 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1'
    heading.textContent = found.length ? 'Not SMART yet' : 'SMART: all five parts are there'
    box.append(heading)
    if (found.length) {
      const list = document.createElement('ul')
      list.className = 'govuk-list govuk-list--bullet govuk-!-margin-bottom-0'
      for (const text of found) {
        const item = document.createElement('li')
        item.textContent = text
        list.append(item)
      }
      box.append(list)
    }
    box.hidden = false
  }

  const form = box.parentElement.querySelector('form')
  if (form) form.addEventListener('input', show)
  // Someone quick may have typed before this script ran: check what is already there.
  if (['text', 'description'].some((name) => field(name) && field(name).value.trim())) show()
}
