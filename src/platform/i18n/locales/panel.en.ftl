# The panel's own texts (not the bot's: those are on the Texts page). Modules bring theirs in
# src/modules/<module>/locales/panel.<locale>.ftl.

## The frame

panel-brand = Botyard
panel-nav-label = Panel
panel-loading = Loading…
panel-sign-out = Sign out
panel-language-label = Language
panel-no-pages = Your roles give you no pages here.
panel-page-not-found = Page not found.
# This language's name in itself, for the language switch.
panel-language-name = English
panel-sign-in = Sign in
panel-sign-in-hint = Send /login to the bot: it answers with a personal link that signs you in here.
panel-crashed = Something went wrong
panel-reload = Reload the page

## The dashboard

dashboard-no-cards = No module gives you figures here yet.
dashboard-see-activity = The bot's own figures: people, requests, sessions, updates →

## The menu

panel-menu = ☰ { $page }
panel-menu-label = All pages
nav-group-overview = Overview
nav-group-bot = The bot

nav-texts = Texts
nav-settings = Settings
nav-broadcasts = Broadcasts
nav-backups = Backups

## Signing in with a link

login-no-link = No sign-in link
login-no-link-hint = Send /login to the bot and open the link it sends you.
login-title = Sign in to Botyard
login-once = This link signs you in once. Continue on this device?
login-continue = Continue
## Roles the platform declares (a module names its own roles in its panel catalogue)

role-owner = owner
role-admin = admin
## Bot settings

settings-title = Bot settings
settings-time-zone = Time zone
settings-time-zone-hint = Dates and times in staff messages, the dashboard's "today" and the bot's own figures are in this zone. Each booking location keeps its own zone for its opening hours, bookings and reminders (Salon page).
settings-languages = Languages
settings-languages-hint = People whose Telegram language is not among these get the first one ticked.
settings-modules = Modules
settings-no-modules = No modules are installed.
settings-modules-hint = A module switched off leaves the menu and stops answering its commands; its data stays.
settings-staff-may-apply = Strangers may apply for staff access
settings-note-marker = Note marker in staff groups
settings-note-marker-hint = A message that staff start with this word stays an internal note in the group and never reaches the client.
settings-anonymous-staff = Staff answers reach clients signed “Support” instead of with the staff member’s name
settings-save = Save settings
settings-saved = Saved. The bot uses these settings from its next message.
settings-from-configuration = These come from the configuration. Once saved here, the panel's settings win over the configuration file.
settings-last-saved = Last saved in the panel on { $at }.

## Backups

backups-file-placeholder = <backup file>
backups-restore-title = Restoring a backup
backups-restore-intro = A restore replaces the whole database with the backup, so it is not a button here: it runs from the command line, with the app stopped, on the server.
backups-restore-stop = Stop the app.
backups-restore-stop-replicas = Stop the app, every replica of it.
backups-restore-file = Restore the file:
backups-restore-docker = Under Docker Compose:
backups-restore-start = Start the app again.
backups-restore-pglite = The current data directory is moved aside, not deleted; the command prints where it went.
backups-restore-postgres = PostgreSQL: pg_restore replaces the tables in one transaction; a failed restore changes nothing.
backups-copy-off = Copy backups off this machine too: a backup on the same disk is not a backup.
backups-now = Back up now
backups-run-queued = Backup queued…
backups-run-running = Backing up…
backups-run-done = Backup written.
backups-run-failed = The backup failed.
backups-in = In
backups-in-rest = , newest first. Scheduled backups run daily and are kept for the configured number of days.
backups-file = File
backups-taken = Taken
backups-size = Size
backups-none = No backups yet.
backups-restore-command = botyard restore { $file }
backups-restore-docker-command = docker compose run --rm app node_modules/.bin/node src/cli.ts restore { $file }
## Texts

texts-saved = Saved. The bot uses it from its next message.
texts-reset-done = Back to the default text.
texts-edited = edited
texts-text-for = Text for { $key }
texts-default = Default:
texts-save = Save
texts-cancel = Cancel
texts-yours-for = Your text for { $key }
texts-default-for = Default text for { $key }
texts-edit = Edit
texts-reset = Reset to default
texts-key-suffix = {" "}{ $key }
texts-intro-placeables = What the bot says, in each language. Placeables such as
texts-placeable-example = {"{"} $name {"}"}
texts-intro-formatting = are filled in by the bot; Telegram formatting (
texts-tag-bold = <b>
texts-tag-italic = <i>
texts-tag-link = <a href>
texts-intro-formatting-end = ) works where the default uses it.
texts-language = Language
texts-search = Search
texts-search-hint = A word or a key
texts-count = { $count ->
        [one] { $count } text
       *[other] { $count } texts
    }
## Broadcasts

broadcasts-formatting = Formatting
broadcasts-format-example = <{ $tag }{ $attributes }>{ $text }</{ $tag }>
broadcasts-format-separator = ,{" "}
broadcasts-format-bold = bold
broadcasts-format-italic = italic
broadcasts-format-underlined = underlined
broadcasts-format-struck = struck
broadcasts-format-link = a link
broadcasts-format-spoiler = hidden until tapped
broadcasts-format-quote = a quote
broadcasts-format-code = inline code
broadcasts-format-pre = a block of code
broadcasts-format-escapes = Write &lt; for a lone < and &amp; for & in a link. Up to 4,096 characters, or 1,024 under a photo.
broadcasts-buttons = Link buttons
broadcasts-button-label = Button { $number } label
broadcasts-button-link = Button { $number } link
broadcasts-button-remove = Remove button { $number }
broadcasts-button-add = Add a button
broadcasts-audience-incomplete = Fill in the audience's details to see its size.
broadcasts-audience-counting = Counting…
broadcasts-audience-size = Audience size
broadcasts-audience = { $people ->
        [one] { $people } person
       *[other] { $people } people
    }{ $blocked ->
        [0] {""}
       *[other] , of whom { $blocked } blocked the bot and will be skipped
    }.
broadcasts-sending-started = Sending has started; progress is in the list below.
broadcasts-scheduled-done = Scheduled; it is in the list below.
broadcasts-preview-sent = The preview is on its way to your Telegram.
broadcasts-new = New broadcast
broadcasts-text = Text
broadcasts-photo = Photo (optional): a Telegram file_id or an image link
broadcasts-photo-hint = https://…
broadcasts-audience-title = Audience
broadcasts-segment = Segment
broadcasts-choose = Choose…
broadcasts-when = When
broadcasts-now = Now
broadcasts-later = At a date and time
broadcasts-send-at-local = Send at (your local time)
broadcasts-preview = Preview to me
broadcasts-send-now = Send now
broadcasts-schedule = Schedule
broadcasts-status-scheduled = Scheduled
broadcasts-status-sending = Sending
broadcasts-status-done = Done
broadcasts-status-cancelled = Cancelled
broadcasts-progress = Progress of broadcast { $id }
broadcasts-report = { $sent } sent, { $blocked } blocked, { $failed } failed{ $pending ->
        [0] {""}
       *[other] , { $pending } waiting
    }{ $withdrawn ->
        [0] {""}
       *[other] , { $withdrawn } withdrawn
    }
broadcasts-cancel-confirm = Cancel this broadcast? Messages already sent stay sent.
broadcasts-cancel = Cancel broadcast { $id }
broadcasts-intro = A broadcast goes through the outbox at Telegram's limits (about 30 messages a second), after the bot's conversations. People who blocked the bot are skipped; a restart continues where delivery stopped, and nobody gets it twice.
broadcasts-list = Sent and scheduled
broadcasts-send-at = Send at
broadcasts-message = Message
broadcasts-status = Status
broadcasts-report-title = Report
broadcasts-actions = Actions
broadcasts-none = No broadcasts yet.
## Charts

chart-legend = Series
chart-table = Figures as a table
chart-pointed-value = {" "}{ $value }
texts-list-separator = ,{" "}
broadcasts-with-photo = 🖼{" "}
broadcasts-button-link-hint = https://
