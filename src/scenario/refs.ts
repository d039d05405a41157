/** Lore message ids and source anchors the timeline cites. */
export const LORE = {
  kernelRfc: 'lore:20240812170014.1583783-1-alex.williamson@redhat.com',
  qemuRfc: 'lore:20240812170045.1584000-1-alex.williamson@redhat.com',
  jasonDesign: 'lore:20240814152025.GA3468552@ziepe.ca',
  jasonObjection: 'lore:20240813163053.GK1985367@ziepe.ca',
  davidIommu: 'lore:03fdfde8dc05ecce1f1edececf0800d8cb919ac1.camel@infradead.org',
  guestLog: 'lore:adcb785e-4dc7-4c4a-b341-d53b72e13467@gmail.com',
  dmarReport: 'lore:9e1d3ba6-48ac-4a97-8b65-87e395898c2a@www.fastmail.com',
  oneMsiFix: 'lore:20230601033840.2997-1-quic_bqiang@quicinc.com',
  xenAmd: 'lore:20250226211125.43625-1-jason.andryuk@amd.com',
  bugzilla: 'https://bugzilla.kernel.org/show_bug.cgi?id=216055',
} as const;

export const hex = (v: number, digits = 0): string => `0x${(v >>> 0).toString(16).padStart(digits, '0')}`;
