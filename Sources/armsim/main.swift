import ArmsimCLI
ArmsimCommand.main()
