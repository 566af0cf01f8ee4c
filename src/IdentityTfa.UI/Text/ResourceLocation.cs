// The package's resources live in its own Resources folder, whatever ResourcesPath the app sets for its own.
[assembly: ResourceLocation("Resources")]
