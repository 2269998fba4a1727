package io.perfagent.sampler.gpu;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The NVML calls the nvml source makes, as JNA maps them. Out-parameters are plain {@link
 * Pointer}s into buffers the caller allocated once, so a tick allocates no JNA Structures and
 * no ByReference objects. Signatures and layouts follow nvml.h: every call returns an
 * {@code nvmlReturn_t} (0 = success); {@code unsigned int} maps to {@code int} and is read back
 * unsigned.
 */
interface Nvml extends Library {

  int SUCCESS = 0;
  int ERROR_NOT_SUPPORTED = 3;
  int ERROR_INSUFFICIENT_SIZE = 7;

  /** {@code NVML_TEMPERATURE_GPU} for nvmlDeviceGetTemperature. */
  int TEMPERATURE_GPU = 0;

  /** {@code NVML_CLOCK_SM} for nvmlDeviceGetClockInfo. */
  int CLOCK_SM = 1;

  /** {@code NVML_VALUE_NOT_AVAILABLE}: an unsigned long long of all ones. */
  long VALUE_NOT_AVAILABLE = -1L;

  /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE} and {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE}. */
  int STRING_BUFFER = 96;

  /** {@code nvmlUtilization_t}: {@code unsigned int gpu, memory} (percent). */
  int UTILIZATION_GPU_OFFSET = 0;

  /** {@code nvmlMemory_t}: {@code unsigned long long total, free, used} (bytes). */
  int MEMORY_TOTAL_OFFSET = 0;

  int MEMORY_USED_OFFSET = 16;

  int MEMORY_SIZE = 24;

  /**
   * {@code nvmlProcessInfo_t} as filled by {@code nvmlDeviceGetComputeRunningProcesses_v3}:
   * {@code unsigned int pid; (4 bytes padding) unsigned long long usedGpuMemory; unsigned int
   * gpuInstanceId; unsigned int computeInstanceId;}, 24 bytes.
   */
  int PROCESS_INFO_SIZE = 24;

  int PROCESS_PID_OFFSET = 0;

  int PROCESS_USED_MEMORY_OFFSET = 8;

  int nvmlInit_v2();

  int nvmlShutdown();

  String nvmlErrorString(int result);

  int nvmlDeviceGetCount_v2(Pointer count);

  int nvmlDeviceGetHandleByIndex_v2(int index, Pointer device);

  int nvmlDeviceGetName(Pointer device, Pointer name, int length);

  int nvmlDeviceGetUUID(Pointer device, Pointer uuid, int length);

  int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

  int nvmlDeviceGetMemoryInfo(Pointer device, Pointer memory);

  int nvmlDeviceGetPowerUsage(Pointer device, Pointer milliwatts);

  int nvmlDeviceGetTemperature(Pointer device, int sensorType, Pointer celsius);

  int nvmlDeviceGetClockInfo(Pointer device, int clockType, Pointer mhz);

  int nvmlDeviceGetComputeRunningProcesses_v3(Pointer device, Pointer infoCount, Pointer infos);
}
