print("loneliness")
