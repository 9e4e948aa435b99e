package dev.greeting.emulator;

import dev.greeting.emulator.control.FaultConfig;

/**
 * How to start an emulator. Port 0 picks a free port (tests); {@code quotaProfile} is
 * {@code none} or {@code aws}; {@code timeScale} speeds up quota time.
 */
public record EmulatorOptions(String host, int port, String quotaProfile, double timeScale, FaultConfig faults) {

    public static EmulatorOptions defaults() {
        return new EmulatorOptions("127.0.0.1", 0, "none", 1, FaultConfig.NONE);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(host, newPort, quotaProfile, timeScale, faults);
    }

    public EmulatorOptions withHost(String newHost) {
        return new EmulatorOptions(newHost, port, quotaProfile, timeScale, faults);
    }

    public EmulatorOptions withQuotas(String profile, double scale) {
        return new EmulatorOptions(host, port, profile, scale, faults);
    }

    public EmulatorOptions withFaults(FaultConfig newFaults) {
        return new EmulatorOptions(host, port, quotaProfile, timeScale, newFaults);
    }
}
