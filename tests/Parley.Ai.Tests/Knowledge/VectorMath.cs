using Microsoft.Extensions.AI;
using Parley.Ai.Knowledge;

namespace Parley.Ai.Tests.Knowledge;

internal static class VectorMath
{
    public static double Cosine(Embedding<float> a, Embedding<float> b) => Retriever.Cosine(a.Vector.Span, b.Vector.Span);
}
