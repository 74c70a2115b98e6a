"""What the tests share: fact bases to build, commands to run, races to stage, drafts to check."""
