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

## The menu

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
