notes-saved = Saved note #{ $id }.
notes-words = Your note #{ $id } has { $words } words.
notes-reminder = Reminder: { $text }
notes-keeper-welcome = You keep the notes now.
notes-card = Notes
notes-card-total = Notes kept
command-note = Keep a note
