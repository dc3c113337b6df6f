namespace Parley.Core; internal static class Placeholder {}
