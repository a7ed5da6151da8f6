"""The Chainlit chat app: thin handlers over the services in coach/."""
