# The access module's panel pages: dashboard, people, requests, sessions, audit log.

access-nav-dashboard = Dashboard
access-nav-people = People
access-nav-requests = Requests
access-nav-sessions = Sessions
access-nav-audit = Audit log
