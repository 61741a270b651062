// The bell. WebKitGTK cannot play `<audio>` from the app's own URL scheme, so the bytes are
// fetched and decoded with the Web Audio API, which works (also without a sound card).
import bellUrl from "../../../assets/sounds/bell.wav?url";

let context: AudioContext | null = null;
let bell: AudioBuffer | null = null;

/** Prepares the audio context; call from a user gesture (a click or key press), as browsers ask. */
export async function unlockSound(): Promise<void> {
  context ??= new AudioContext();
  if (context.state === "suspended") await context.resume();
  if (!bell) {
    const bytes = await (await fetch(bellUrl)).arrayBuffer();
    bell = await context.decodeAudioData(bytes);
  }
}

/** Rings the bell: loud at the end of a round, quiet as a warning. Returns whether it started. */
export async function ring(loud: boolean): Promise<boolean> {
  try {
    await unlockSound();
    if (!context || !bell) return false;
    const source = context.createBufferSource();
    const gain = context.createGain();
    gain.gain.value = loud ? 1 : 0.25;
    source.buffer = bell;
    source.connect(gain).connect(context.destination);
    source.start();
    return true;
  } catch {
    return false;
  }
}
