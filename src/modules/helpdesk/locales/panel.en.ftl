role-specialist = specialist
