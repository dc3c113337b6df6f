using Xunit;

namespace Parley.Testing;

/// <summary>A test that needs Debian's nginx: reported skipped where it is not installed (.ci/run installs it).</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (NginxServer.Executable is null)
        {
            Skip = "Needs Debian's nginx (/usr/sbin/nginx or PARLEY_TEST_NGINX); .ci/run installs it, locally: apt-get install nginx.";
        }
        else if (Browser.ChromiumPath is null)
        {
            Skip = "Needs Debian's chromium (/usr/bin/chromium or PARLEY_TEST_CHROMIUM) for the admin's live page; .ci/run installs it.";
        }
    }
}
