/**
 * Where the current event's packet is along its edge (0…1), advanced by one requestAnimationFrame loop.
 * Kept apart from the main store so only the packet re-renders on each frame.
 */
import { create } from 'zustand';

export const usePhase = create<{ phase: number }>()(() => ({ phase: 1 }));
export const setPhase = (phase: number) => usePhase.setState({ phase });
