notes-saved = Заметка №{ $id } сохранена.
notes-words = В заметке №{ $id } слов: { $words }.
notes-reminder = Напоминание: { $text }
notes-keeper-welcome = Теперь вы ведёте заметки.
notes-card = Заметки
notes-card-total = Всего заметок
command-note = Записать заметку
