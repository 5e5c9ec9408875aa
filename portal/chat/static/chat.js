// Web chat without page reloads: the form's messages go to /chat/messages with fetch().
// Everything works without this file (the form posts to /chat); any failure falls back to that.
const form = document.getElementById('chat-form')

function enhance (form) {
  const lines = document.getElementById('chat-lines')
  const quickReplies = document.getElementById('chat-quick-replies')
  const input = form.querySelector('input[name="message"]')
  const token = form.querySelector('input[name="csrf_token"]').value
  let busy = false

  function postNormally (payload) {
    // Send the same message the ordinary way, keeping the chosen quick reply.
    if (payload) {
      const hidden = document.createElement('input')
      hidden.type = 'hidden'
      hidden.name = 'payload'
      hidden.value = payload
      form.appendChild(hidden)
    }
    form.submit()
  }

  form.addEventListener('submit', async function (event) {
    const submitter = event.submitter
    const payload = submitter && submitter.name === 'payload' ? submitter.value : ''
    const message = input.value
    // An empty message goes to the server, which shows the error the usual GOV.UK way.
    if (!payload && !message.trim()) return
    event.preventDefault()
    if (busy) return
    busy = true
    form.setAttribute('aria-busy', 'true')
    try {
      const response = await fetch(form.dataset.jsonUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': token },
        body: JSON.stringify({ message: payload ? '' : message, payload })
      })
      if (!response.ok) throw new Error('chat: ' + response.status)
      const data = await response.json()
      const empty = document.getElementById('chat-empty')
      if (empty) empty.remove()
      lines.insertAdjacentHTML('beforeend', data.lines_html)
      quickReplies.innerHTML = data.quick_replies_html
      input.value = ''
      input.focus()
    } catch (error) {
      postNormally(payload)
    } finally {
      busy = false
      form.removeAttribute('aria-busy')
    }
  })
}

if (form && window.fetch) enhance(form)
