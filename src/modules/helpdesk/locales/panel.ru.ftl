role-specialist = специалист
