"""Notifications: emails queued in the outbox with the change that causes them.

``outbox.queue_email`` is the one way an email is queued (``notifications.send`` and,
later, tickets call it inside their own unit of work); ``rendering`` turns an email's
type and context into its subject and bodies; ``links`` makes its unsubscribe link;
``emails`` holds the services of the ``notifications.*`` procedures. Senders deliver
the queued rows (``services.email_sender``).
"""
