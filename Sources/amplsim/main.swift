import AmplsimCLI

Amplsim.main()
