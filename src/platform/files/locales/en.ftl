files-too-large = The file is { $sizeMb } MB; I can only take files up to { $limitMb } MB. Please send a smaller one.
files-upload-too-large = The file is larger than { $limitMb } MB, the most Telegram lets a bot send; it was not kept.
files-upload-empty = The upload is empty: choose a file to upload.
files-not-found = There is no file { $id }.
files-not-stored = The file { $id } is not stored: it is still being received, or could not be.
