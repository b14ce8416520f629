/* Test-only stand-in for bcryptprimitives.dll, which Debian's Wine 8 lacks: Rust >= 1.78's std
 * takes its random numbers from ProcessPrng there. This forwards to advapi32's RtlGenRandom
 * (SystemFunction036), which Wine has. Built and copied into the throwaway Wine prefix by
 * .ci/windows-test; never shipped (Windows 10/11 have the real DLL). */
#include <windows.h>

typedef BOOLEAN(WINAPI *gen_random)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static gen_random gen;
    if (!gen) {
        gen = (gen_random)GetProcAddress(LoadLibraryA("advapi32.dll"), "SystemFunction036");
        if (!gen) return FALSE;
    }
    while (len) {
        ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!gen(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
